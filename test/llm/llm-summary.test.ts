import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeArxivHtml, type FakeArxivHtml } from "../fakes/llm/fake-arxiv-html.js";
import { GOOD_TLDR, startFakeLlmServer, type FakeLlmServer } from "../fakes/llm/fake-llm-server.js";
import { say, textOf } from "../helpers/test-app.js";
import { createLlmTestApp, TEST_API_KEY, testPaper } from "./llm-test-app.js";
import { SPARSEMIX_ABSTRACT, SPARSEMIX_HTML, TRAINING_SENTENCE } from "./paper-fixtures.js";

describe.each(["openai", "anthropic"] as const)("/papers summary through %s (real SDK, local fake)", (provider) => {
  let llm: FakeLlmServer;
  let html: FakeArxivHtml;
  let app: ReturnType<typeof createLlmTestApp>;

  beforeEach(async () => {
    llm = await startFakeLlmServer(provider);
    html = await startFakeArxivHtml();
    html.setPage("2608.00001", SPARSEMIX_HTML);
    app = createLlmTestApp({ provider, baseUrl: llm.baseUrl, htmlUrl: html.url, budget: 3, timeoutMs: 1000 });
    await app.ports.papers.upsert([
      testPaper("2608.00001", SPARSEMIX_ABSTRACT, "SparseMix: Cheap Experts"),
      testPaper("2608.00002", "We study tokenization of code. Byte-level tokenizers lose to BPE on every benchmark we tried."),
      testPaper("2608.00003", "We present a benchmark for retrieval. It has 10,000 questions written by experts."),
      testPaper("2608.00004", "We prove a bound on attention. The bound is tight for softmax attention of any width."),
    ]);
  });
  afterEach(async () => {
    app.cleanup();
    await llm.close();
    await html.close();
  });

  it("serves the model's TL;DR grounded in the abstract and full text, marked with the model, through the real SDK", async () => {
    const reply = await say(app, "summary 2608.00001");
    const text = textOf(reply);
    expect(text).toContain("• The paper proposes a new method for the task.");
    expect(text).toContain("Why it matters: It makes the task cheaper to solve.");
    expect(text).toMatch(new RegExp(`AI TL;DR by fake-${provider === "openai" ? "gpt" : "claude"}-2026-01-01, from the abstract and the arXiv full text`));
    expect(reply.ephemeral).toBe(false);
    expect(llm.requests).toHaveLength(1);
    const [request] = llm.requests;
    expect(request!.body.model).toBe(provider === "openai" ? "test-gpt" : "test-claude");
    expect(request!.user).toContain(SPARSEMIX_ABSTRACT);
    expect(request!.user).toContain(TRAINING_SENTENCE);
    expect(request!.user).not.toContain("A. Cited. Some Other Paper");
    expect(request!.system).not.toContain("SparseMix");
    if (provider === "openai") {
      expect(request!.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
      expect(request!.body.max_tokens).toBeGreaterThan(0);
    } else {
      expect(request!.headers["x-api-key"]).toBe(TEST_API_KEY);
      expect(request!.body.max_tokens).toBeGreaterThan(0);
    }
    expect(app.logs.join("\n")).not.toContain(TEST_API_KEY);
  });

  it("caches per paper: a second request, from another conversation, makes no model or HTML call", async () => {
    await say(app, "summary 2608.00001", { conversation: "discord:G1:C1" });
    const again = await say(app, "summary https://arxiv.org/abs/2608.00001v1", { conversation: "slack:T1:C9" });
    expect(textOf(again)).toContain("• It improves over strong baselines.");
    expect(llm.requests).toHaveLength(1);
    expect(html.requests).toHaveLength(1);
  });

  it("the Summary button runs the same command and hits the same cache", async () => {
    await say(app, "summary 2608.00001");
    const reply = await app.core.handle({
      kind: "button", action: "summary", value: "2608.00001", messageRef: "discord:G1:C2:M3",
      conversation: "discord:G1:C2", platform: "discord", workspace: "G1", raw: null,
      actor: { id: "bob", canManageChannel: async () => false },
    });
    expect(reply && textOf(reply)).toContain("Why it matters:");
    expect(llm.requests).toHaveLength(1);
  });

  it("simultaneous requests for one paper make one model call", async () => {
    llm.queue({ kind: "delay", ms: 200 });
    const replies = await Promise.all(["C1", "C2", "C3"].map((c) => say(app, "summary 2608.00001", { conversation: `discord:G:${c}` })));
    for (const reply of replies) expect(textOf(reply)).toContain("Why it matters:");
    expect(llm.requests).toHaveLength(1);
  });

  it.each([
    ["a timeout", { kind: "delay", ms: 3000 } as const, /AI summary unavailable \(the model timed out\)/],
    ["a 429 with retry-after", { kind: "status", status: 429, retryAfter: "30" } as const, /AI summary unavailable \(the model provider is rate limiting us\)/],
    ["a 500", { kind: "status", status: 500 } as const, /AI summary unavailable \(the model provider failed\)/],
    ["output without three bullets", { kind: "text", text: "Here is a summary: it is a good paper." } as const, /AI summary unavailable \(the model's answer was not usable\)/],
    ["four bullets", { kind: "text", text: `- One extra point here.\n${GOOD_TLDR}` } as const, /not usable/],
    ["a body that is not JSON", { kind: "malformed-json" } as const, /AI summary unavailable/],
    ["JSON that is not the API's shape", { kind: "wrong-shape" } as const, /AI summary unavailable \(the model's answer was not usable\)/],
  ])("%s falls back to the offline summary with a note, and is not cached", async (_name, fault, note) => {
    llm.queue(fault);
    const reply = await say(app, "summary 2608.00001");
    const text = textOf(reply);
    expect(text).toMatch(note);
    expect(text).toMatch(/showing the abstract's key sentences/);
    expect(text).toContain("We introduce SparseMix");
    expect(reply.ephemeral).toBe(false);
    expect(text).not.toMatch(/went wrong|Error:/);
    const next = await say(app, "summary 2608.00001");
    expect(textOf(next)).toContain("Why it matters:");
    expect(llm.requests).toHaveLength(2);
  });

  it("stops calling the model when the day's budget is spent, and resumes the next UTC day", async () => {
    for (const id of ["2608.00001", "2608.00002", "2608.00003"]) expect(textOf(await say(app, `summary ${id}`))).toContain("Why it matters:");
    const spent = await say(app, "summary 2608.00004");
    expect(textOf(spent)).toMatch(/AI summary unavailable \(budget spent for today\); showing the abstract's key sentences/);
    expect(textOf(spent)).toContain("We prove a bound on attention.");
    expect(llm.requests).toHaveLength(3);
    expect(textOf(await say(app, "summary 2608.00001"))).toContain("Why it matters:");
    expect(llm.requests).toHaveLength(3);
    app.setNow("2026-08-05T00:00:01Z");
    expect(textOf(await say(app, "summary 2608.00004"))).toContain("Why it matters:");
    expect(llm.requests).toHaveLength(4);
  });

  it("falls back to the abstract alone when arXiv has no HTML for the paper", async () => {
    await say(app, "summary 2608.00002");
    expect(html.requests).toEqual(["/html/2608.00002"]);
    expect(llm.requests[0]!.user).toContain("Byte-level tokenizers lose to BPE");
    expect(textOf(await say(app, "summary 2608.00002"))).toMatch(/from the abstract\./);
  });
});

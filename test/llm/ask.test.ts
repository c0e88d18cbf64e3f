import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeArxivHtml, type FakeArxivHtml } from "../fakes/llm/fake-arxiv-html.js";
import { startFakeLlmServer, type FakeLlmServer } from "../fakes/llm/fake-llm-server.js";
import { say, textOf } from "../helpers/test-app.js";
import { createLlmTestApp, testPaper } from "./llm-test-app.js";
import { SPARSEMIX_ABSTRACT, SPARSEMIX_HTML, TRAINING_SENTENCE } from "./paper-fixtures.js";

const FABRICATED = "SparseMix was trained on 5 trillion tokens of proprietary data.";

/** A JSON answer as the prompt asks for it. */
function answer(found: boolean, text: string, quotes: string[]): { kind: "text"; text: string } {
  return { kind: "text", text: JSON.stringify({ found, answer: text, quotes }) };
}

describe.each(["openai", "anthropic"] as const)("/papers ask through %s", (provider) => {
  let llm: FakeLlmServer;
  let html: FakeArxivHtml;
  let app: ReturnType<typeof createLlmTestApp>;

  beforeEach(async () => {
    llm = await startFakeLlmServer(provider);
    html = await startFakeArxivHtml();
    html.setPage("2608.00001", SPARSEMIX_HTML);
    app = createLlmTestApp({ provider, baseUrl: llm.baseUrl, htmlUrl: html.url, budget: 5 });
    await app.ports.papers.upsert([testPaper("2608.00001", SPARSEMIX_ABSTRACT, "SparseMix: Cheap Experts")]);
  });
  afterEach(async () => {
    app.cleanup();
    await llm.close();
    await html.close();
  });

  it("answers from the paper's text and shows only quotes found in it (a fabricated quote is dropped)", async () => {
    llm.queue(answer(true, "It was trained on 1.2 trillion tokens of public web text.", [`“${TRAINING_SENTENCE}”`, FABRICATED]));
    const reply = await say(app, "ask 2608.00001 how many tokens was it trained on?");
    const text = textOf(reply);
    expect(text).toContain("It was trained on 1.2 trillion tokens of public web text.");
    expect(text).toContain(`“${TRAINING_SENTENCE}”`);
    expect(text).not.toContain("5 trillion");
    expect(text).toMatch(/every quote was checked against the paper's text/);
    expect(reply.ephemeral).toBe(false);
    const [request] = llm.requests;
    expect(request!.user).toContain("<question>how many tokens was it trained on?</question>");
    expect(request!.user).toContain(TRAINING_SENTENCE);
    expect(request!.system).toMatch(/only from|only the paper's text/i);
    expect(request!.system).not.toContain("tokens was it trained");
  });

  it("when no quote is in the paper, says the text doesn't clearly answer it and shows no model quote", async () => {
    llm.queue(answer(true, "It was trained on 5 trillion tokens.", [FABRICATED, "Another invented sentence about the training data."]));
    const text = textOf(await say(app, "ask 2608.00001 how many tokens was it trained on?"));
    expect(text).toContain("The paper's text doesn't clearly answer this.");
    expect(text).not.toContain("5 trillion");
    expect(text).not.toContain("invented");
    expect(text).toContain("Closest passages:");
    expect(text).toContain(TRAINING_SENTENCE);
  });

  it("says so when the model reports the text does not contain the answer", async () => {
    llm.queue(answer(false, "The paper's text does not say.", []));
    const text = textOf(await say(app, "ask 2608.00001 who funded this work?"));
    expect(text).toContain("The paper's text doesn't clearly answer this.");
  });

  it.each([
    ["a 500", { kind: "status", status: 500 } as const, /AI answer unavailable \(the model provider failed\)/],
    ["a non-JSON answer", { kind: "text", text: "Sure! It used lots of tokens." } as const, /AI answer unavailable \(the model's answer was not usable\)/],
  ])("%s falls back to the most relevant passages", async (_name, fault, note) => {
    llm.queue(fault);
    const text = textOf(await say(app, "ask 2608.00001 how many tokens was it trained on?"));
    expect(text).toMatch(note);
    expect(text).toContain("Most relevant passages:");
    expect(text).toContain(TRAINING_SENTENCE);
  });

  it("asks for a question when none is given", async () => {
    expect((await say(app, "ask 2608.00001")).fallbackText).toMatch(/Ask a question/);
    expect(llm.requests).toHaveLength(0);
  });
});

describe("/papers ask without a provider (the offline default)", () => {
  let html: FakeArxivHtml;
  let app: ReturnType<typeof createLlmTestApp>;

  beforeEach(async () => {
    html = await startFakeArxivHtml();
    html.setPage("2608.00001", SPARSEMIX_HTML);
    app = createLlmTestApp({ provider: "none", htmlUrl: html.url });
    await app.ports.papers.upsert([testPaper("2608.00001", SPARSEMIX_ABSTRACT, "SparseMix: Cheap Experts")]);
  });
  afterEach(async () => {
    app.cleanup();
    await html.close();
  });

  it("answers with the most relevant sentences of the paper's text and says no model is configured", async () => {
    const reply = await say(app, "ask 2608.00001 how many tokens was it trained on?");
    const text = textOf(reply);
    expect(text).toContain("Most relevant passages:");
    expect(text).toContain(TRAINING_SENTENCE);
    expect(text).toMatch(/No language model is configured/);
    expect(reply.blocks[0]).toEqual({ kind: "header", text: "SparseMix: Cheap Experts" });
  });

  it("grounds on the abstract when arXiv fails, without caching the failure", async () => {
    html.failNext(503, 2);
    const first = textOf(await say(app, "ask 2608.00001 how many tokens was it trained on?"));
    expect(first).not.toContain(TRAINING_SENTENCE);
    const second = textOf(await say(app, "ask 2608.00001 how many tokens was it trained on?"));
    expect(second).toContain(TRAINING_SENTENCE);
    await say(app, "ask 2608.00001 how many tokens was it trained on?");
    expect(html.requests).toHaveLength(3);
  });

  it("is deterministic, and the summary stays the offline one", async () => {
    const a = await say(app, "ask 2608.00001 which benchmarks are used for evaluation?");
    const b = await say(app, "ask 2608.00001 which benchmarks are used for evaluation?");
    expect(a).toEqual(b);
    expect(textOf(a)).toContain("We evaluate on GSM8K, MMLU and HumanEval.");
    const summary = textOf(await say(app, "summary 2608.00001"));
    expect(summary).toMatch(/Key sentences of the abstract/);
    expect(summary).not.toMatch(/AI summary unavailable/);
  });
});

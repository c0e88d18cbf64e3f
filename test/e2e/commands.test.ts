import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { createTestApp, say, textOf } from "../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const HF_0731 = join(FIXTURES, "hf-daily-papers-2026-07-31-date-allnewsai.json");
const HF_0803 = join(FIXTURES, "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json");
const HF_0612 = join(FIXTURES, "hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json");

describe("chat commands over a real store", () => {
  let app: ReturnType<typeof createTestApp>;

  beforeEach(async () => {
    app = createTestApp({ now: "2026-08-04T09:00:00Z" });
    for (const file of [HF_0612, HF_0731, HF_0803]) {
      const run = await ingestFile(app.core.ingests, file);
      expect(run.status).toBe("ok");
    }
  });
  afterEach(() => app.cleanup());

  it("today lists the latest day's papers ranked by upvotes, publicly", async () => {
    const reply = await say(app, "today");
    expect(reply.ephemeral).toBe(false);
    const papers = reply.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper] : []));
    expect(papers.map((p) => p.id)).toEqual(["2607.28229", "2607.26654", "2607.27851"]);
    expect(papers[0]!.links.some((l) => l.label === "Code" && l.url === "https://github.com/petroni-lab/librarian")).toBe(true);
    expect(reply.blocks[0]).toEqual({ kind: "header", text: "Papers for 2026-08-03" });
  });

  it("today takes a date anywhere in the text and local votes join the ranking", async () => {
    for (const user of ["u1", "u2", "u3", "u4", "u5", "u6", "u7"]) await say(app, "upvote 2607.23193", { id: user });
    const reply = await say(app, "today 2026-07-31");
    const ids = reply.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.id] : []));
    expect(ids.slice(0, 3)).toEqual(["2607.28582", "2607.27958", "2607.23193"]);
    const card = reply.blocks.find((b) => b.kind === "paper" && b.paper.id === "2607.23193");
    expect(card?.kind === "paper" && card.paper.localVotes).toBe(7);
  });

  it("today explains an empty day and a future or malformed date", async () => {
    expect(textOf(await say(app, "today 2026-08-01"))).toMatch(/No papers listed for 2026-08-01.*2026-07-31/s);
    const future = await say(app, "today 2027-01-01");
    expect(future.ephemeral).toBe(true);
    expect(textOf(future)).toMatch(/in the future/);
    expect(textOf(await say(app, "today 2026-02-30"))).toMatch(/YYYY-MM-DD/);
  });

  it("search ranks stored papers and shows excerpts", async () => {
    const reply = await say(app, "search sparse attention");
    const first = reply.blocks.find((b) => b.kind === "paper");
    expect(first?.kind === "paper" && first.paper.id).toBe("2606.13392");
    expect(first?.kind === "paper" && first.paper.snippet).toBeTruthy();
  });

  it.each([
    ['"unbalanced quote'],
    ["(brackets) [and] {braces}"],
    ["AND ( OR NOT NEAR("],
    ["title:memory^2 *"],
    ["🔥🚀 memory 🧠"],
    ["ذاكرة النماذج memory"],
    ["x".repeat(499)],
  ])("search never breaks on odd input: %s", async (query) => {
    const reply = await say(app, `search ${query}`);
    expect(reply.fallbackText.length).toBeGreaterThan(0);
    expect(textOf(reply)).not.toMatch(/fts5|syntax error|SqliteError|went wrong/i);
  });

  it("search refuses empty and huge queries with a one-line hint", async () => {
    const empty = await say(app, "search");
    expect(empty.ephemeral).toBe(true);
    expect(empty.fallbackText).toMatch(/Type what to search for/);
    const huge = await say(app, `search ${"memory ".repeat(1500)}`);
    expect(huge.fallbackText).toMatch(/at most 4000|limited to 500/);
    expect(huge.fallbackText.split("\n")).toHaveLength(1);
  });

  it("summary accepts ids and links, and serves HF's ai_summary or key abstract sentences", async () => {
    for (const input of ["2606.13392", "https://arxiv.org/abs/2606.13392v2", "https://arxiv.org/pdf/2606.13392", "https://huggingface.co/papers/2606.13392"]) {
      const reply = await say(app, `summary ${input}`);
      expect(reply.blocks[0]).toEqual({ kind: "header", text: "MiniMax Sparse Attention" });
      const links = reply.blocks.find((b) => b.kind === "links");
      expect(links?.kind === "links" && links.links.map((l) => l.label)).toEqual(["arXiv", "PDF", "HF", "Code"]);
    }
  });

  it("summary of a malformed id says what to type; an unknown id offline says not found", async () => {
    expect((await say(app, "summary not-a-paper")).fallbackText).toMatch(/not an arXiv id or link/);
    const unknown = await say(app, "summary 2401.99999");
    expect(unknown.ephemeral).toBe(true);
    expect(unknown.fallbackText).toMatch(/2401\.99999/);
    expect(unknown.fallbackText).not.toMatch(/Error:|at .*\.ts/);
  });

  it("subscribe previews the last 7 days; topics and unsubscribe manage the list", async () => {
    const sub = await say(app, 'subscribe "multi-agent" OR memory');
    expect(sub.fallbackText).toMatch(/Subscribed this channel to "multi-agent" OR memory\. In the 7 days up to 2026-08-03 it would have matched (1 paper:|\d+ papers, e\.g\.) "Σ-Mem/);
    expect((await say(app, 'subscribe "MULTI-agent" or memory')).fallbackText).toMatch(/Subscribed|already follows/);
    expect((await say(app, 'subscribe "multi-agent" OR memory')).fallbackText).toMatch(/already follows/);
    expect(textOf(await say(app, "topics"))).toMatch(/"multi-agent" OR memory/);
    expect((await say(app, "unsubscribe nothing-here")).fallbackText).toMatch(/does not follow "nothing-here"/);
    expect((await say(app, 'unsubscribe "multi-agent" OR memory')).fallbackText).toMatch(/Unsubscribed/);
  });

  it("subscribe and unsubscribe need channel-manager rights", async () => {
    const refused = await say(app, "subscribe tokenization", { canManage: false });
    expect(refused.ephemeral).toBe(true);
    expect(refused.fallbackText).toMatch(/Only channel managers/);
    expect(await app.ports.subscriptions.list("shell:local:test")).toEqual([]);
  });

  it("upvote counts once per person and top ranks by votes", async () => {
    expect((await say(app, "upvote 2606.13681", { id: "a" })).fallbackText).toMatch(/1 vote here/);
    expect((await say(app, "upvote 2606.13681", { id: "a" })).fallbackText).toMatch(/already upvoted.*1 vote here/);
    await say(app, "upvote 2606.13681", { id: "b" });
    await say(app, "upvote 2606.13392", { id: "a" });
    const top = await say(app, "top week");
    expect(top.blocks.flatMap((b) => (b.kind === "paper" ? [[b.paper.id, b.paper.localVotes]] : []))).toEqual([["2606.13681", 2], ["2606.13392", 1]]);
    expect((await say(app, "upvote 2499.00001")).fallbackText).toMatch(/not in today's lists/);
    expect((await say(app, "top year")).fallbackText).toMatch(/Choose week or month/);
  });

  it("help lists every command; unknown commands point to help; bare /papers shows help", async () => {
    const help = await say(app, "help");
    for (const name of ["today", "search", "summary", "subscribe", "unsubscribe", "topics", "upvote", "top", "help"]) {
      expect(help.fallbackText).toContain(`/papers ${name}`);
    }
    expect((await say(app, "frobnicate")).fallbackText).toMatch(/no \/papers frobnicate command.*help/);
    expect((await say(app, "")).fallbackText).toContain("/papers today");
  });

  it("a failing command leaves stored data intact", async () => {
    const before = await app.ports.papers.count();
    await say(app, `search ${"\u0000".repeat(10)}`);
    await say(app, "summary 🚀");
    expect(await app.ports.papers.count()).toBe(before);
  });
});

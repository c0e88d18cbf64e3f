import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PaperInput } from "../../src/core/papers/paper.js";
import { feedbackProfile, MAX_ADJUSTMENT } from "../../src/core/topics/channel-feedback.js";
import { createTestApp, say, textOf } from "../helpers/test-app.js";

const DAY = "2026-07-31";
const CHANNEL = "shell:local:test";

let seq = 0;
const paper = (title: string, over: Partial<PaperInput> = {}): PaperInput => ({
  id: `2607.${String(10000 + ++seq)}`,
  source: "hf",
  title,
  abstract: over.abstract ?? `We study ${title.toLowerCase()} on standard corpora and report results.`,
  aiKeywords: [],
  dailyDate: DAY,
  hfUpvotes: 5,
  ...over,
});

/** 8 tokenization papers that all carry the HF keyword "merge table" (and the stopword "model" in the title), plus 32 unrelated papers. */
function corpus(): PaperInput[] {
  const topical = Array.from({ length: 8 }, (_, i) => paper(`Tokenization model study ${i}`, { aiKeywords: ["merge table", "tokenizer"] }));
  const other = Array.from({ length: 32 }, (_, i) => paper(`Robot grasping model benchmark ${i}`, { aiKeywords: ["grasping"] }));
  return [...topical, ...other];
}

/** A paper about tokenization that names it only once in the abstract, with the learned keyword in its title. */
const nearMiss = () => paper("Merge table pruning for Korean", { abstract: "A short note on tokenization for Korean text.", aiKeywords: [] });

describe("learned associations through the real app", () => {
  let app: ReturnType<typeof createTestApp>;
  beforeEach(() => {
    seq = 0;
    app = createTestApp({ now: "2026-08-01T09:00:00Z", config: { topics: { learnAfterPapers: 30 } } });
  });
  afterEach(() => app.cleanup());

  it("counts every ingest batch, learns a keyword of a followed topic (never a stopword), shows it in why and in topics, and a manager can drop it", async () => {
    await app.core.ingests.batch("file", async () => ({ papers: corpus(), bad: [] }));
    expect(textOf(await say(app, "subscribe tokenization"))).toContain("Subscribed");
    const topics = textOf(await say(app, "topics"));
    expect(topics).toMatch(/learned: "merge table" \(PMI 2\.3, 8 papers, HF keywords\)/);
    expect(topics).not.toMatch(/"model"/);

    const miss = nearMiss();
    await app.core.ingests.batch("file", async () => ({ papers: [miss], bad: [] }));
    expect((await app.ports.topics.associations.loadCounts(["tokenization"])).papers).toBe(41);
    const today = await say(app, "today tokenization");
    const card = today.blocks.flatMap((b) => (b.kind === "paper" && b.paper.id === miss.id ? [b.paper] : []))[0];
    expect(card?.matched).toMatch(/learned: "merge table" \(PMI [\d.]+; title\)/);

    expect((await say(app, "forget merge table", { canManage: false })).failure).toBe("FORBIDDEN");
    const dropped = await say(app, "forget merge table");
    expect(dropped.failure).toBeUndefined();
    expect(textOf(dropped)).toContain('Dropped "merge table" from tokenization');
    expect(textOf(await say(app, "topics"))).not.toContain("merge table");
    expect(textOf(await say(app, "today tokenization"))).not.toContain("Merge table pruning");
    // Another channel keeps the term.
    await say(app, "subscribe tokenization", { conversation: "shell:local:other" });
    expect(textOf(await say(app, "topics", { conversation: "shell:local:other" }))).toContain('"merge table"');
  });

  it("refuses to drop a term no topic here learned, a stopword included, naming what was learned", async () => {
    await app.core.ingests.batch("file", async () => ({ papers: corpus(), bad: [] }));
    await say(app, "subscribe tokenization");
    for (const term of ["model", "nonsense"]) {
      const reply = await say(app, `forget ${term}`);
      expect(reply.failure).toBe("NOT_FOUND");
      expect(reply.fallbackText).toContain(`"${term}" is not a term this channel's topics have learned`);
      expect(reply.fallbackText).toContain('Learned here: "merge table"');
    }
  });

  it("learns nothing below topics.learnAfterPapers, and says how many papers are counted", async () => {
    app.cleanup();
    app = createTestApp({ now: "2026-08-01T09:00:00Z", config: { topics: { learnAfterPapers: 1000 } } });
    await app.core.ingests.batch("file", async () => ({ papers: corpus(), bad: [] }));
    await say(app, "subscribe tokenization");
    const topics = textOf(await say(app, "topics"));
    expect(topics).not.toContain("learned:");
    expect(topics).toContain("Topics learn terms once 1,000 papers are counted (40 so far)");
  });
});

describe("channel feedback through the real app", () => {
  let app: ReturnType<typeof createTestApp>;
  let papers: PaperInput[];
  beforeEach(async () => {
    seq = 0;
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    papers = [
      paper("Byte-level tokenization for code", { aiKeywords: ["tokenizer", "code"] }),
      paper("Tokenization of Korean morphemes", { aiKeywords: ["tokenizer", "morphemes"] }),
      paper("Robot grasping from video", { aiKeywords: ["grasping"] }),
      nearMiss(),
    ];
    await app.core.ingests.batch("file", async () => ({ papers, bad: [] }));
    await say(app, "subscribe tokenization");
  });
  afterEach(() => app.cleanup());

  it("more and less record one vote per person per paper and say what changed; the why line shows the feedback", async () => {
    const [code, korean] = papers;
    const more = await say(app, `more ${code!.id}`);
    expect(more.failure).toBeUndefined();
    expect(textOf(more)).toMatch(/More like "Byte-level tokenization for code" under tokenization: 1 vote here, term weights \+0\.\d+ "/);
    expect(textOf(await say(app, `more ${code!.id}`))).toContain("You had already asked for more like this under tokenization; it counts once");
    expect(textOf(await say(app, `less ${code!.id}`))).toContain('Changed your vote: fewer like "Byte-level tokenization for code"');
    await say(app, `more ${korean!.id}`, { id: "bob" });
    const listed = await app.ports.topics.feedback.list(CHANNEL, "tokenization");
    expect(listed.map((v) => [v.actor.id, v.kind, v.paper.id])).toEqual([["alice", "less", code!.id], ["bob", "more", korean!.id]]);
    const today = await say(app, "today tokenization");
    const matched = today.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.matched ?? ""] : []));
    expect(matched.some((m) => /channel feedback [+-]\d\.\d\d \("/.test(m))).toBe(true);
    expect(textOf(await say(app, "topics"))).toMatch(/feedback \(2 votes\): [+−]/);
  });

  it("ignores bots, refuses unknown papers, and says when a paper has nothing to do with the channel's topics", async () => {
    const bot = await app.core.handle({ kind: "command", name: "more", text: papers[0]!.id, platform: "shell", workspace: "local", conversation: CHANNEL, raw: null, actor: { id: "bot1", isBot: true, canManageChannel: async () => false } });
    expect(bot?.fallbackText).toContain("Feedback from bots does not count");
    expect(await app.ports.topics.feedback.list(CHANNEL, "tokenization")).toEqual([]);
    const unknown = await say(app, "more 2607.99999");
    expect(unknown.failure).toBe("NOT_FOUND");
    expect(unknown.fallbackText).toContain("Paper 2607.99999 is not in today's lists or the store");
    const unrelated = await say(app, `less ${papers[2]!.id}`);
    expect(unrelated.fallbackText).toContain("shares no words with the topics followed here (tokenization)");
    expect(await app.ports.topics.feedback.list(CHANNEL, "tokenization")).toEqual([]);
    const elsewhere = await say(app, `more ${papers[0]!.id}`, { conversation: "shell:local:no-topics" });
    expect(elsewhere.fallbackText).toContain("This channel follows no topics");
  });

  it("a flood of votes stays bounded: an off-topic paper never matches, an on-topic one moves at most MAX_ADJUSTMENT", async () => {
    for (let i = 0; i < 60; i += 1) await say(app, `less ${papers[0]!.id}`, { id: `user${i}` });
    for (let i = 0; i < 60; i += 1) await say(app, `more ${papers[3]!.id}`, { id: `user${i}` });
    const profile = feedbackProfile(await app.ports.topics.feedback.list(CHANNEL, "tokenization"));
    expect(profile.votes).toBe(120);
    for (const w of profile.weights.values()) expect(Math.abs(w)).toBeLessThanOrEqual(0.75);
    const listing = await say(app, "today tokenization");
    const ids = listing.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.id] : []));
    expect(ids).not.toContain(papers[2]!.id);
    expect(ids).toContain(papers[1]!.id);
    expect(MAX_ADJUSTMENT).toBe(0.75);
  });

  it("an upvote by command in a topic channel feeds its feedback; a reaction's withdrawal removes it", async () => {
    await say(app, `upvote ${papers[1]!.id}`);
    expect((await app.ports.topics.feedback.list(CHANNEL, "tokenization")).map((v) => [v.actor.id, v.kind])).toEqual([["alice", "up"]]);
    expect(await app.ports.topics.feedback.removeUp(CHANNEL, papers[1]!.id, "alice")).toBe(1);
  });

  it("the More like this button runs more, with the button's paper", async () => {
    const reply = await app.core.handle({ kind: "button", action: "more", value: papers[1]!.id, messageRef: "shell:local:test:1", platform: "shell", workspace: "local", conversation: CHANNEL, raw: null, actor: { id: "carol", canManageChannel: async () => false } });
    expect(reply?.fallbackText).toContain('More like "Tokenization of Korean morphemes" under tokenization');
  });
});

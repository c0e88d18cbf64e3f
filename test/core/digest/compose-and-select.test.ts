import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Block, PaperCard } from "../../../src/core/chat/message.js";
import { composeDigest, composeNotice, FALLBACK_MAX_CHARS } from "../../../src/core/digest/compose-digest.js";
import { blendScore, rankPapers } from "../../../src/core/papers/rank-papers.js";
import { selectDigestPapers, type DigestSelection } from "../../../src/core/digest/select-digest-papers.js";
import { CHANNEL, createDigestApp, putSettings } from "./digest-setup.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const cardOf = (blocks: Block[]): PaperCard => {
  const b = blocks.find((x) => x.kind === "paper");
  if (b?.kind !== "paper") throw new Error("no paper block");
  return b.paper;
};
const ids = (s: DigestSelection) => (s.kind === "papers" ? s.papers.map((p) => p.paper.id) : []);

describe("ranking", () => {
  it("blends log HF upvotes, local votes and the match score, ties by id", async () => {
    const paper = (id: string, hfUpvotes: number | null) => ({ id, hfUpvotes }) as never;
    const ranked = rankPapers([
      { paper: paper("b", 118), localVotes: 0, matchScore: null, matched: null },
      { paper: paper("a", 8), localVotes: 0, matchScore: null, matched: null },
      { paper: paper("c", 8), localVotes: 0, matchScore: null, matched: null },
      { paper: paper("d", 2), localVotes: 5, matchScore: null, matched: null },
      { paper: paper("e", null), localVotes: 0, matchScore: 7.5, matched: "x" },
    ]);
    expect(ranked.map((r) => r.paper.id)).toEqual(["b", "d", "e", "a", "c"]);
    expect(blendScore({ paper: paper("x", 0), localVotes: 3, matchScore: null, matched: null })).toBeCloseTo(1.5 * Math.log(4));
  });
});

describe("selecting and composing a digest over a real store", () => {
  let app: App;
  beforeEach(async () => (app = await createDigestApp()));
  afterEach(() => app.cleanup());

  it("takes the day's HF list ranked, capped at maxPapers, with local votes in the blend", async () => {
    const settings = await putSettings(app, { maxPapers: 3 });
    const before = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-07-31", listDay: "2026-07-31" });
    expect(ids(before)).toEqual(["2607.28582", "2607.27958", "2607.23193"]);
    for (const user of ["u1", "u2", "u3", "u4"]) await app.ports.votes.add({ paperId: "2607.28308", conversation: "discord:G1:C9", workspace: "G1", userId: user, via: "button", at: "2026-07-31T10:00:00Z" });
    const after = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-07-31", listDay: "2026-07-31" });
    expect(ids(after)).toEqual(["2607.28308", "2607.28582", "2607.27958"]);
    expect(after.kind === "papers" && after.qualifying).toBe(5);
  });

  it("never selects a paper the channel was sent on another day, and applies minUpvotes", async () => {
    const settings = await putSettings(app, { minUpvotes: 3 });
    await app.ports.ledger.run(CHANNEL, "2026-07-01").claim({ owner: "o", leaseUntil: "2099-01-01T00:00:00.000Z", scheduledFor: null, late: false, now: "2026-07-01T08:00:00.000Z" });
    await app.ports.ledger.run(CHANNEL, "2026-07-01").claimItem({ itemKey: "paper:2607.28582", paperId: "2607.28582", now: "2026-07-01T08:00:00.000Z" });
    await app.ports.ledger.run(CHANNEL, "2026-07-01").markSent("paper:2607.28582", "ref1", "2026-07-01T08:00:01.000Z");
    const s = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-07-31", listDay: "2026-07-31" });
    expect(ids(s)).toEqual(["2607.27958", "2607.23193"]);
  });

  it("topic channels get only matching papers with why; no match names the closest", async () => {
    const settings = await putSettings(app, { mode: "topics" });
    await app.ports.subscriptions.add({ conversation: CHANNEL, platform: "discord", workspace: "G1", topic: "sparse attention", addedBy: "u", addedAt: "2026-06-01T00:00:00Z" });
    const s = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-06-12", listDay: "2026-06-12" });
    expect(ids(s)[0]).toBe("2606.13392");
    expect(s.kind === "papers" && s.papers[0]!.matched).toMatch(/sparse attention \(title/);
    const none = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-07-31", listDay: "2026-07-31" });
    expect(none.kind).toBe("empty");
    expect(none.kind === "empty" && none.reason).toMatch(/^no paper matched your topics today \(sparse attention\); closest: .*2607\.28308/);
  });

  it("explains weekends, days without a list and an all-sent day", async () => {
    const settings = await putSettings(app);
    const sat = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-08-01", listDay: "2026-08-01" });
    // First digest ever: the latest list on or before Saturday (Friday's) is covered.
    expect(ids(sat)).toHaveLength(5);
    await app.ports.ledger.run(CHANNEL, "2026-07-31").claim({ owner: "o", leaseUntil: "2099-01-01T00:00:00.000Z", scheduledFor: null, late: false, now: "2026-07-31T08:00:00.000Z" });
    await app.ports.ledger.run(CHANNEL, "2026-07-31").finish("o", { status: "sent", papersSent: 5, detail: null, now: "2026-07-31T08:01:00.000Z" });
    const weekend = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-08-01", listDay: "2026-08-01" });
    expect(weekend).toMatchObject({ kind: "empty", ready: true, reason: expect.stringMatching(/no new papers: arXiv does not announce on weekends.*Saturday 2026-08-01/) });
    const tuesday = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-08-04", listDay: "2026-08-04" });
    expect(tuesday.ready).toBe(false);
    expect(ids(tuesday)).toHaveLength(3); // Monday's list, not yet covered, while Tuesday's is not out
  });

  it("composes a header and one card message per paper with buttons, matched line and late marker", async () => {
    const settings = await putSettings(app, { mode: "topics", maxPapers: 2 });
    await app.ports.subscriptions.add({ conversation: CHANNEL, platform: "discord", workspace: "G1", topic: "memory", addedBy: "u", addedAt: "2026-06-01T00:00:00Z" });
    const s = await selectDigestPapers(app.ports, { conversation: CHANNEL, settings, digestDay: "2026-06-12", listDay: "2026-06-12" });
    if (s.kind !== "papers") throw new Error(s.reason);
    const digest = composeDigest({ digestDay: "2026-06-12", listDays: s.listDays, papers: s.papers, topics: s.topics, late: true });
    expect(digest.header.blocks[0]).toEqual({ kind: "header", text: "Papers for 2026-06-12" });
    expect(digest.header.fallbackText).toMatch(/2 papers · from Hugging Face Daily Papers 2026-06-12 · topics: memory · posted late/);
    expect(digest.items.map((i) => i.paperId)).toEqual(s.papers.map((p) => p.paper.id));
    const first = digest.items[0]!.message;
    const card = cardOf(first.blocks);
    expect(card).toMatchObject({ id: "2606.13681", rank: 1, hfUpvotes: 118, url: "https://huggingface.co/papers/2606.13681", matched: expect.stringMatching(/^memory \(title/) });
    expect(card.authors).toMatch(/et al\.$|^[^,]+(, [^,]+){0,2}$/);
    expect(card.summary.length).toBeGreaterThan(20);
    expect(card.links.map((l) => l.label)).toContain("Code");
    expect(first.blocks[1]).toEqual({
      kind: "actions",
      buttons: [
        { action: "summary", label: "Summary", value: "2606.13681" },
        { action: "upvote", label: "Upvote", value: "2606.13681" },
        { action: "more", label: "More like this", value: "2606.13681" },
        { action: "less", label: "Not this", value: "2606.13681" },
      ],
    });
    expect(first.fallbackText).toMatch(/^1\. EvoArena.* \(▲ 118\) https:\/\/huggingface\.co\/papers\/2606\.13681$/);
  });

  it("keeps fallback text within its limit and makes one-line notices", async () => {
    const long = { id: "2601.00001", title: "T".repeat(2000), authors: ["A"], hfUpvotes: 1, dailyDates: ["2026-01-01"], aiSummary: "S.", abstract: "", aiKeywords: [], githubRepo: null, projectPage: null, thumbnail: null } as never;
    const digest = composeDigest({ digestDay: "2026-01-01", listDays: [], papers: [{ paper: long, localVotes: 0, matchScore: null, matched: null, score: 1 }], topics: ["x".repeat(500)], late: false });
    expect(digest.items[0]!.message.fallbackText.length).toBeLessThanOrEqual(FALLBACK_MAX_CHARS);
    expect(digest.header.fallbackText.length).toBeLessThanOrEqual(FALLBACK_MAX_CHARS);
    expect(composeNotice("no new papers:\n arXiv holiday")).toEqual({ blocks: [{ kind: "text", text: "no new papers: arXiv holiday" }], fallbackText: "no new papers: arXiv holiday", ephemeral: false });
  });
});

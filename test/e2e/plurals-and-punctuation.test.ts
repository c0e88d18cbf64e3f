import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderText } from "../../src/adapters/shell/render-text.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import { describeSettings } from "../../src/core/digest/channel-status.js";
import { defaultChannelSettings } from "../../src/core/digest/channel-settings-store.js";
import { composeDigest } from "../../src/core/digest/compose-digest.js";
import { rankPapers } from "../../src/core/papers/rank-papers.js";
import { selectDigestPapers } from "../../src/core/digest/select-digest-papers.js";
import { createTestApp, say } from "../helpers/test-app.js";

const paper = (id: string, title: string, abstract: string): PaperInput => ({
  id,
  source: "hf",
  title,
  abstract,
  authors: ["Jane Doe"],
  dailyDate: "2026-08-01",
  hfUpvotes: 3,
});

describe("counts read as 1 paper / 2 papers, and no sentence ends in a doubled mark", () => {
  let app: ReturnType<typeof createTestApp>;
  beforeEach(async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    await app.ports.papers.upsert([paper("2607.00001", "Sparse Routing for Experts", "We route tokens to experts.")]);
  });
  afterEach(() => app.cleanup());

  const contextOf = (reply: Awaited<ReturnType<typeof say>>) => reply.blocks.flatMap((b) => (b.kind === "context" ? [b.text] : []));

  it("search says 1 best match, then 2 best matches, on the card and in the shell", async () => {
    const one = await say(app, "search routing");
    expect(contextOf(one)).toEqual(["1 best match"]);
    expect(renderText(one)).toContain("1 best match");
    expect(renderText(one)).not.toContain("1 best matches");
    await app.ports.papers.upsert([paper("2607.00002", "Routing Again", "More routing.")]);
    expect(contextOf(await say(app, "search routing"))).toEqual(["2 best matches"]);
  });

  it("today says 1 paper for a one-paper day and 2 papers for two", async () => {
    expect(contextOf(await say(app, "today"))).toEqual(["1 paper · ranked by Hugging Face upvotes plus votes here"]);
    await app.ports.papers.upsert([paper("2607.00002", "Another Paper", "Text.")]);
    expect(contextOf(await say(app, "today"))).toEqual(["2 papers · ranked by Hugging Face upvotes plus votes here"]);
  });

  it("upvote counts 1 vote, then 2 votes", async () => {
    expect((await say(app, "upvote 2607.00001", { id: "a" })).fallbackText).toMatch(/It has 1 vote here\.$/);
    expect((await say(app, "upvote 2607.00001", { id: "b" })).fallbackText).toMatch(/It has 2 votes here\.$/);
  });

  it("a usage hint that ends in a question mark gets no full stop after it", async () => {
    const reply = await say(app, "ask 2607.00001 hi");
    expect(reply.fallbackText).toContain("which datasets do they evaluate on? Usage: /papers ask");
    expect(reply.fallbackText).not.toContain("?.");
  });

  it("replies that end with a user's topic or search keep its own final mark", async () => {
    expect((await say(app, "subscribe which router?")).fallbackText).toMatch(/^Subscribed this channel to which router\? /);
    expect((await say(app, "unsubscribe which router?")).fallbackText).toBe("Unsubscribed this channel from which router?");
    expect((await say(app, "unsubscribe routing")).fallbackText).toBe('This channel does not follow "routing". It follows no topics.');
    expect((await say(app, "search quux!")).fallbackText).toBe("Nothing stored matches quux! Try fewer or broader words.");
    expect((await say(app, "today about diffusion?")).fallbackText).not.toContain("?.");
  });

  it("settings and digest headers count in the singular for one", async () => {
    const base = defaultChannelSettings("c", "shell", "w", "2026-08-01T09:00:00Z");
    expect(describeSettings({ ...base, maxPapers: 1, minUpvotes: 1, mode: "topics" }, 1)).toMatch(/^up to 1 paper, min 1 upvote, mode topics \(1 topic followed\)/);
    expect(describeSettings({ ...base, maxPapers: 2, minUpvotes: 0, mode: "topics" }, 0)).toMatch(/^up to 2 papers, min 0 upvotes, mode topics \(0 topics followed\)/);
    const stored = (await app.ports.papers.get("2607.00001"))!;
    const digest = composeDigest({ digestDay: "2026-08-01", listDays: ["2026-08-01"], papers: rankPapers([{ paper: stored, localVotes: 0, matchScore: null, matched: null }]), topics: [], late: false });
    expect(digest.header.fallbackText).toMatch(/1 paper · from Hugging Face/);
  });

  it("a digest whose one paper was already posted says so in the singular", async () => {
    const conversation = "discord:G1:C1";
    const settings = { ...defaultChannelSettings(conversation, "discord", "G1", "2026-08-01T00:00:00Z"), postTime: "08:00" };
    await app.ports.channelSettings.put(settings);
    await app.ports.ledger.run(conversation, "2026-07-30").claimItem({ itemKey: "paper:2607.00001", paperId: "2607.00001", now: "2026-07-30T08:00:00Z" });
    await app.ports.ledger.run(conversation, "2026-07-30").markSent("paper:2607.00001", "discord:G1:C1:m1", "2026-07-30T08:00:01Z");
    const selection = await selectDigestPapers(app.ports, { conversation, settings, digestDay: "2026-08-01", listDay: "2026-08-01" });
    expect(selection.kind === "empty" && selection.reason).toBe("no new papers: the only paper of 2026-08-01 was already posted here");
  });
});

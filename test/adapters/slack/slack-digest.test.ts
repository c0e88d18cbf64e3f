import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SendError } from "../../../src/core/chat/chat-adapter.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { buttonPress, reactionEvent } from "../../fakes/slack/slack-payloads.js";
import { startHarness, waitFor, type Harness } from "./slack-harness.js";

const DAY = "2026-08-03";
const TEAM = "T0001";
const request = (channel: string, day = DAY): DigestRequest => ({ conversation: `slack:${TEAM}:${channel}`, digestDay: day, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "slack" });
const deliver = (h: Harness, channels: string[], day = DAY) => h.app.core.deliveries.run(channels.map((c) => request(c, day)), new Map([["slack", h.adapter]]), { concurrency: 2 });
const paperItems = async (h: Harness, channel: string) => (await h.app.ports.ledger.run(`slack:${TEAM}:${channel}`, DAY).items()).filter((i) => i.paperId !== null);
const votes = async (h: Harness, channel: string, paperId: string) => (await h.app.ports.votes.counts({ conversation: `slack:${TEAM}:${channel}` }, [paperId])).get(paperId) ?? 0;
const tsOf = (ref: string | null) => ref!.split(":")[3]!;
const posts = (h: Harness, channel?: string) => h.fake.callsTo("chat.postMessage").filter((c) => !channel || c.params.channel === channel);

describe("slack adapter: the daily post", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("socket");
    h.fake.addChannel("C0AAA");
    h.fake.addChannel("C0BBB");
  });
  afterEach(() => h.close());

  it("posts a header, then one Block Kit message per paper with buttons, to several channels", async () => {
    const results = await deliver(h, ["C0AAA", "C0BBB"]);
    expect(results.map((r) => r.outcome)).toEqual([{ kind: "sent", papers: 3 }, { kind: "sent", papers: 3 }]);
    for (const channel of ["C0AAA", "C0BBB"]) {
      const sent = posts(h, channel);
      expect(sent).toHaveLength(4);
      expect(sent[0]!.params.text).toMatch(/^Papers for 2026-08-03/);
      for (const post of sent) {
        expect(post.params).toMatchObject({ unfurl_links: "false", unfurl_media: "false" });
        expect(String(post.params.text).length).toBeGreaterThan(0);
      }
      for (const post of sent.slice(1)) {
        const blocks = post.params.blocks as { type: string; accessory?: { type: string }; elements?: { action_id?: string; value?: string }[] }[];
        expect(blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
        expect(blocks[0]!.accessory?.type).toBe("image");
        expect(blocks[2]!.elements!.map((e) => e.action_id)).toEqual(["papers_summary", "papers_upvote"]);
      }
      for (const item of await paperItems(h, channel)) expect(item.messageRef).toMatch(new RegExp(`^slack:${TEAM}:${channel}:\\d+\\.\\d+$`));
    }
  });

  it("waits out a 429 Retry-After during a digest and posts everything once (the delivery engine waits, not the WebClient)", async () => {
    await h.close();
    h = await startHarness("socket", { clientOptions: { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } } });
    h.fake.addChannel("C0AAA");
    h.fake.script("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    const [result] = await deliver(h, ["C0AAA"]);
    expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(posts(h, "C0AAA")).toHaveLength(5);
    expect(h.fake.messages.size).toBe(4);
  });

  it("after 9 429s in a row on one message, the run is a transient failure and the next attempt sends only what remains", async () => {
    h.fake.script("chat.postMessage", ...Array.from({ length: 9 }, () => ({ status: 429 as const, retryAfter: 0 })));
    const [first] = await deliver(h, ["C0AAA"]);
    expect(first!.outcome).toMatchObject({ kind: "failed", permanent: false, reason: "rate_limited" });
    const [second] = await deliver(h, ["C0AAA"]);
    expect(second!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(h.fake.messages.size).toBe(4);
  });

  it("channel_not_found and not_in_channel are permanent; repeated failures pause the channel, shown in /papers status", async () => {
    h.fake.addChannel("C0OUT", { member: false });
    const results = await deliver(h, ["C0AAA", "C0OUT", "C0GONE"]);
    expect(results[0]!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(results[1]!.outcome).toEqual({ kind: "failed", reason: "not_in_channel", permanent: true });
    expect(results[2]!.outcome).toEqual({ kind: "failed", reason: "channel_not_found", permanent: true });
    for (const day of ["2026-08-04", "2026-08-05"]) await deliver(h, ["C0GONE"], day);
    const settings = await h.app.ports.channelSettings.get(`slack:${TEAM}:C0GONE`);
    expect(settings).toMatchObject({ paused: true, failureCount: 3 });
    expect(settings!.pausedReason).toContain("channel_not_found");
    const { ack } = await h.transport.command({ teamId: TEAM, channel: "C0GONE", user: "UMEMBER" }, "status");
    expect(JSON.stringify(ack)).toContain("channel_not_found");
    const error = await h.adapter.send(`slack:${TEAM}:C0OUT`, { blocks: [{ kind: "text", text: "hi" }], fallbackText: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ permanent: true, reason: "not_in_channel" });
  });

  it("other Slack errors are transient", async () => {
    h.fake.script("chat.postMessage", { error: "internal_error" });
    const error = await h.adapter.send(`slack:${TEAM}:C0AAA`, { blocks: [], fallbackText: "hi" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SendError", permanent: false, reason: "internal_error" });
  });

  it("posts in a thread when asked, and splits a message over the limits into several posts", async () => {
    const parent = await h.adapter.send(`slack:${TEAM}:C0AAA`, { blocks: [{ kind: "header", text: "hello" }], fallbackText: "hello" });
    const many = { blocks: Array.from({ length: 60 }, (_, i) => ({ kind: "text" as const, text: `line ${i}` })), fallbackText: "sixty lines" };
    const ref = await h.adapter.send(`slack:${TEAM}:C0AAA`, many, { threadOf: parent });
    const [, first, second] = posts(h, "C0AAA");
    expect(first!.params.thread_ts).toBe(tsOf(parent));
    expect((first!.params.blocks as unknown[]).length).toBe(50);
    expect((second!.params.blocks as unknown[]).length).toBe(10);
    expect(second!.params.text).toBe("(2/2) sixty lines");
    expect(tsOf(ref)).toBe(h.fake.messages.get(`C0AAA:${tsOf(ref)}`)!.ts);
  });
});

describe.each(["socket", "http"] as const)("slack adapter over %s: votes and buttons", (mode) => {
  let h: Harness;
  const alice = { teamId: TEAM, channel: "C0AAA", user: "UALICE" };
  beforeEach(async () => {
    h = await startHarness(mode);
    h.fake.addChannel("C0AAA");
    await deliver(h, ["C0AAA"]);
  });
  afterEach(() => h.close());

  it("a reaction adds a vote and removing it removes the vote; a retried event counts once", async () => {
    const [item] = await paperItems(h, "C0AAA");
    const ts = tsOf(item!.messageRef);
    const add = reactionEvent(alice, true, "+1", ts, "Ev0001");
    expect((await h.transport.event(add)).status).toBe(200);
    await waitFor(async () => await votes(h, "C0AAA", item!.paperId!) === 1);
    await h.transport.event(reactionEvent(alice, false, "+1", ts, "Ev0002"));
    await waitFor(async () => await votes(h, "C0AAA", item!.paperId!) === 0);
    await h.transport.event(add, 1);
    await h.transport.event(reactionEvent({ ...alice, user: "UBOB" }, true, "arrow_up", ts, "Ev0003"));
    await waitFor(async () => await votes(h, "C0AAA", item!.paperId!) === 1);
    expect(await h.app.ports.votes.reactionVoters(`slack:${TEAM}:C0AAA`, item!.paperId!)).toEqual(["UBOB"]);
  });

  it("ignores the bot's own reactions, other emoji, non-digest messages and channels the bot is not in", async () => {
    const [item] = await paperItems(h, "C0AAA");
    const ts = tsOf(item!.messageRef);
    await h.transport.event(reactionEvent({ ...alice, user: "UBOT" }, true, "+1", ts, "Ev0101"));
    await h.transport.event(reactionEvent(alice, true, "tada", ts, "Ev0102"));
    await h.transport.event(reactionEvent(alice, true, "+1", "1700000000.000001", "Ev0103"));
    await h.transport.event(reactionEvent({ ...alice, channel: "C0ELSEWHERE" }, true, "+1", ts, "Ev0104"));
    await h.transport.event(reactionEvent(alice, true, "+1", ts, "Ev0105"));
    await waitFor(async () => await votes(h, "C0AAA", item!.paperId!) === 1);
    const rows = h.app.database.sqlite.prepare("SELECT COUNT(*) AS n FROM votes").get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it("the Summary button answers in the thread of the paper's message; Upvote answers privately", async () => {
    const [item] = await paperItems(h, "C0AAA");
    const ts = tsOf(item!.messageRef);
    const before = posts(h).length;
    await h.transport.interact(buttonPress(alice, "papers_summary", item!.paperId!, ts, h.fake.responseUrl()));
    const reply = await waitFor(() => posts(h)[before]);
    expect(reply.params).toMatchObject({ channel: "C0AAA", thread_ts: ts });
    await h.transport.interact(buttonPress(alice, "papers_upvote", item!.paperId!, ts, h.fake.responseUrl()));
    const [confirm] = await h.responses(1);
    expect(confirm).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(confirm!.text)).toContain("Upvoted");
    expect(await votes(h, "C0AAA", item!.paperId!)).toBe(1);
  });

  it("/papers ask about a paper this channel was sent answers in that paper's thread and tells the asker privately", async () => {
    const [item] = await paperItems(h, "C0AAA");
    const ts = tsOf(item!.messageRef);
    const before = posts(h).length;
    await h.transport.command(alice, `ask ${item!.paperId!} what do they propose?`);
    const answer = await waitFor(() => posts(h)[before]);
    expect(answer.params).toMatchObject({ channel: "C0AAA", thread_ts: ts });
    expect(String(answer.params.text)).toContain("Q: what do they propose?");
    const [note] = await h.responses(1);
    expect(note).toMatchObject({ response_type: "ephemeral", text: "Answered in the paper's thread." });
  });

  it("/papers ask about a paper never posted in this channel answers in the channel as usual", async () => {
    const [item] = await paperItems(h, "C0AAA");
    const before = posts(h).length;
    await h.transport.command({ ...alice, channel: "C0NEVER" }, `ask ${item!.paperId!} what do they propose?`);
    const [reply] = await h.responses(1);
    expect(reply).toMatchObject({ response_type: "in_channel" });
    expect(posts(h).length).toBe(before);
  });
});

describe("slack adapter: start-up reconcile", () => {
  it("reconciles reactions cast and withdrawn while the bot was down", async () => {
    const h = await startHarness("socket");
    try {
      h.fake.addChannel("C0AAA");
      await deliver(h, ["C0AAA"]);
      const [first, second] = await paperItems(h, "C0AAA");
      h.fake.react("C0AAA", tsOf(second!.messageRef), "+1", "UALICE");
      await h.transport.event(reactionEvent({ teamId: TEAM, channel: "C0AAA", user: "UALICE" }, true, "+1", tsOf(second!.messageRef), "Ev0201"));
      await waitFor(async () => await votes(h, "C0AAA", second!.paperId!) === 1);
      await h.adapter.stop();
      h.fake.react("C0AAA", tsOf(first!.messageRef), "+1", "UBOB");
      h.fake.react("C0AAA", tsOf(first!.messageRef), "arrow_up", "UCAROL");
      h.fake.react("C0AAA", tsOf(first!.messageRef), "+1", "UBOT");
      h.fake.react("C0AAA", tsOf(first!.messageRef), "tada", "UDAN");
      h.fake.react("C0AAA", tsOf(second!.messageRef), "+1", "UALICE", false);
      const adapter = await h.restart();
      expect(await adapter.reconciled).toEqual({ messages: 3, added: 2, removed: 1, skipped: 0 });
      expect(await votes(h, "C0AAA", first!.paperId!)).toBe(2);
      expect(await votes(h, "C0AAA", second!.paperId!)).toBe(0);
      expect(h.fake.callsTo("reactions.get").every((c) => c.params.full === "true")).toBe(true);
    } finally {
      await h.close();
    }
  });
});

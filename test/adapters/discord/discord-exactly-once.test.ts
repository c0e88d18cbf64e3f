import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../src/core/chat/message.js";
import { defaultChannelSettings } from "../../../src/core/digest/channel-settings-store.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { reactionPacket } from "../../fakes/discord/gateway-payloads.js";
import { eventually, requestsFor, runSlash, startHarness, type Harness } from "./discord-harness.js";

const DAY = "2026-08-03";
const PAST = "2026-08-04T08:00:00.000Z";
const request = (conversation: string): DigestRequest => ({ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "discord" });

describe("discord adapter: exactly once", () => {
  let h: Harness;
  let conversation: string;
  beforeEach(async () => {
    h = await startHarness();
    conversation = `discord:${h.guildId}:${h.channels[0]}`;
  });
  afterEach(async () => h.close());

  const deliver = () => h.app.core.deliveries.run([request(conversation)], new Map([["discord", h.adapter]]), { concurrency: 1 });
  const papersPosted = () => h.fake.messagesIn(h.channels[0]!).filter((m) => Array.isArray(m.body.embeds) && (m.body.embeds as unknown[]).length > 0);
  /** The digest's first paper message, as delivery would post it (from a dry run). */
  async function firstPaperMessage(): Promise<{ message: OutboundMessage; itemKey: string; paperId: string }> {
    const [dry] = await h.app.core.deliveries.run([{ ...request(conversation), dryRun: true }], new Map([["discord", h.adapter]]), { concurrency: 1 });
    if (dry?.outcome.kind !== "dry-run") throw new Error("no dry run");
    const message = dry.outcome.messages[1]!;
    const block = message.blocks.find((b) => b.kind === "paper");
    if (block?.kind !== "paper") throw new Error("no paper block");
    return { message, itemKey: `paper:${block.paper.id}`, paperId: block.paper.id };
  }
  /** A dead process's run: header sent, the first paper claimed and (maybe) posted, its reference never recorded. */
  async function crashedRun(posted: boolean): Promise<string> {
    const { message, itemKey, paperId } = await firstPaperMessage();
    const run = h.app.ports.ledger.run(conversation, DAY);
    await run.claim({ owner: "dead", leaseUntil: PAST, scheduledFor: null, late: false, now: PAST });
    await run.claimItem({ itemKey: "header", paperId: null, now: PAST });
    await run.markSent("header", "header-of-the-dead-run", PAST);
    await run.claimItem({ itemKey, paperId, now: PAST });
    if (posted) await h.adapter.send(conversation, message, { dedupeKey: `${DAY}/${itemKey}` });
    return itemKey;
  }

  it("a resend with the same dedupe key carries the same nonce with enforce_nonce, and Discord returns the existing message", async () => {
    const { message } = await firstPaperMessage();
    const a = await h.adapter.send(conversation, message, { dedupeKey: "k1" });
    const b = await h.adapter.send(conversation, message, { dedupeKey: "k1" });
    expect(b).toBe(a);
    expect(papersPosted()).toHaveLength(1);
    const posts = h.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));
    expect(posts.map((r) => [typeof r.body?.nonce, r.body?.enforce_nonce])).toEqual([["string", true], ["string", true]]);
    expect(posts[0]!.body?.nonce).toBe(posts[1]!.body?.nonce);
  });

  it("past the nonce window, an in-doubt paper Discord did create is found by reading back the channel, and not posted again", async () => {
    const itemKey = await crashedRun(true);
    h.fake.forgetNonces();
    const [result] = await deliver();
    expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(papersPosted()).toHaveLength(3);
    expect(h.fake.requests.some((r) => r.method === "GET" && /\/channels\/\d+\/messages$/.test(r.path) && r.query.includes("after="))).toBe(true);
    const item = (await h.app.ports.ledger.run(conversation, DAY).items()).find((i) => i.itemKey === itemKey)!;
    expect(item.status).toBe("sent");
    expect(item.messageRef).toBe(`${conversation}:${papersPosted()[0]!.id}`);
  });

  it("an in-doubt paper Discord never created is posted once after the restart", async () => {
    await crashedRun(false);
    const [result] = await deliver();
    expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(papersPosted()).toHaveLength(3);
  });

  it("without Read Message History the in-doubt paper is not re-sent, and the run says which permission to grant", async () => {
    await crashedRun(false);
    h.fake.switches.noHistory.add(h.channels[0]!);
    const [result] = await deliver();
    expect(result!.outcome).toEqual({ kind: "sent", papers: 2 });
    expect((await h.app.ports.ledger.run(conversation, DAY).get())?.detail).toMatch(/not re-sent \(cannot look them up: give the bot View Channel and Read Message History/);
    const { token } = await runSlash(h, "status");
    await eventually(() => expect(JSON.stringify(requestsFor(h.fake, token).map((r) => r.body))).toContain("Read Message History"));
  });

  it("a reaction in a digest thread the client has not cached (after a restart) still counts: the Channel partial", async () => {
    await h.app.ports.channelSettings.put({ ...defaultChannelSettings(conversation, "discord", h.guildId, PAST), useThread: true });
    const [result] = await deliver();
    expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
    const item = (await h.app.ports.ledger.run(conversation, DAY).items()).find((i) => i.paperId !== null)!;
    const [, , threadId, messageId] = item.messageRef!.split(":");
    expect(threadId).not.toBe(h.channels[0]);
    await h.restart({ reconcileDays: 0 });
    const user = h.fake.addUser({ id: "1200000000000000077", username: "erin" });
    h.fake.gateway.dispatch("MESSAGE_REACTION_ADD", reactionPacket({ guildId: h.guildId, channelId: threadId!, messageId: messageId!, user, emoji: "👍", added: true }));
    await eventually(async () => expect((await h.app.ports.votes.counts({ conversation }, [item.paperId!])).get(item.paperId!)).toBe(1));
  });
});

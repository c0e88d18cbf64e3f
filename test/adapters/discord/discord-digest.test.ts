import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SendError } from "../../../src/core/chat/chat-adapter.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { reactionPacket } from "../../fakes/discord/gateway-payloads.js";
import { eventually, startHarness, type Harness } from "./discord-harness.js";

const DAY = "2026-08-03";
const request = (conversation: string): DigestRequest => ({ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "discord" });

/** Delivers the digest to the given channels of the harness's first guild. */
async function deliver(h: Harness, channelIds: string[]) {
  const adapters = new Map([["discord", h.adapter]]);
  return h.app.core.deliveries.run(channelIds.map((c) => request(`discord:${h.guildId}:${c}`)), adapters, { concurrency: 2 });
}

/** The ledger's paper items of a channel's digest. */
async function paperItems(h: Harness, channelId: string) {
  return (await h.app.ports.ledger.run(`discord:${h.guildId}:${channelId}`, DAY).items()).filter((i) => i.paperId !== null);
}

async function votesFor(h: Harness, channelId: string, paperId: string): Promise<number> {
  return (await h.app.ports.votes.counts({ conversation: `discord:${h.guildId}:${channelId}` }, [paperId])).get(paperId) ?? 0;
}

describe("discord adapter: the daily post and reaction votes", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  it("posts the digest to several channels: a header, then one message per paper with an embed and buttons", async () => {
    const results = await deliver(h, h.channels);
    expect(results.map((r) => r.outcome)).toEqual([{ kind: "sent", papers: 3 }, { kind: "sent", papers: 3 }]);
    for (const channelId of h.channels) {
      const posted = [...h.fake.messages.values()].filter((m) => m.channelId === channelId);
      expect(posted).toHaveLength(4);
      expect(String(posted[0]!.body.content)).toMatch(/\*\*Papers for 2026-08-03\*\*/);
      for (const paper of posted.slice(1)) {
        expect(paper.body.embeds).toHaveLength(1);
        const ids = (paper.body.components as { components: { custom_id: string }[] }[])[0]!.components.map((c) => c.custom_id);
        expect(ids).toEqual([expect.stringMatching(/^papers:summary:\d{4}\.\d{5}$/), expect.stringMatching(/^papers:upvote:/)]);
      }
      for (const item of await paperItems(h, channelId)) expect(item.messageRef).toMatch(new RegExp(`^discord:${h.guildId}:${channelId}:\\d+$`));
    }
    const posts = h.fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));
    expect(posts).toHaveLength(8);
    for (const post of posts) expect(post.body?.allowed_mentions).toEqual({ parse: [] });
  });

  it("waits out a 429 with retry-after during a digest and still posts everything once (the 429 reaches the delivery engine's pacer)", async () => {
    h.fake.rateLimit("POST", /^\/channels\/\d+\/messages$/, 1, 1);
    const started = Date.now();
    const [result] = await deliver(h, [h.channels[0]!]);
    expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
    expect([...h.fake.messages.values()].filter((m) => m.channelId === h.channels[0])).toHaveLength(4);
  });

  it("a deleted channel at post time is a permanent SendError; the other channel still gets its digest", async () => {
    h.fake.deleteChannel(h.channels[1]!);
    const results = await deliver(h, h.channels);
    expect(results[0]!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(results[1]!.outcome).toMatchObject({ kind: "failed", permanent: true });
    const error = await h.adapter.send(`discord:${h.guildId}:${h.channels[1]}`, { blocks: [{ kind: "text", text: "hi" }], fallbackText: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ permanent: true, reason: "unknown_channel" });
  });

  it("counts reactions on uncached messages after a restart, removes them when withdrawn, ignores bots and other emoji", async () => {
    await deliver(h, [h.channels[0]!]);
    await h.restart({ reconcileDays: 0 }); // a fresh client that fetches nothing: no digest message is cached
    const cached = h.adapter.client.channels.cache.get(h.channels[0]!);
    expect(cached?.isTextBased() ? cached.messages.cache.size : -1).toBe(0);
    const [item] = await paperItems(h, h.channels[0]!);
    const messageId = item!.messageRef!.split(":")[3]!;
    const react = (user: { id: string; username: string; bot?: boolean }, emoji: string, added: boolean) =>
      h.fake.gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId, user, emoji, added }));
    react(h.alice, "👍", true);
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(1));
    react({ id: "1200000000000000077", username: "otherbot", bot: true }, "👍", true);
    react(h.fake.bot, "⬆️", true);
    react({ id: "1200000000000000002", username: "bob" }, "🎉", true);
    react({ id: "1200000000000000002", username: "bob" }, "⬆️", true);
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(2));
    react(h.alice, "👍", false);
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(1));
    react(h.alice, "👍", true); // a genuine second add after a remove counts again
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(2));
  });

  it("a duplicate dispatch of the same reaction event counts once, even after the reaction was removed", async () => {
    await deliver(h, [h.channels[0]!]);
    const [item] = await paperItems(h, h.channels[0]!);
    const messageId = item!.messageRef!.split(":")[3]!;
    const packet = (added: boolean) => reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId, user: h.alice, emoji: "👍", added });
    const addSeq = h.fake.gateway.dispatch("MESSAGE_REACTION_ADD", packet(true));
    h.fake.gateway.redispatch(addSeq);
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(1));
    h.fake.gateway.dispatch("MESSAGE_REACTION_REMOVE", packet(false));
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(0));
    h.fake.gateway.redispatch(addSeq); // a late replay of the old add must not bring the vote back
    await new Promise((r) => setTimeout(r, 200));
    expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(0);
  });

  it("a reaction on a message that is not a digest changes nothing and the bot keeps answering", async () => {
    const other = h.fake.postAs(h.alice, h.channels[0]!, "just chatting");
    h.fake.gateway.dispatch("MESSAGE_REACTION_ADD", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId: other.id, user: h.alice, emoji: "👍", added: true }));
    await new Promise((r) => setTimeout(r, 100));
    const rows = h.app.database.sqlite.prepare("SELECT COUNT(*) AS n FROM votes").get() as { n: number };
    expect(rows.n).toBe(0);
    const ref = await h.adapter.send(`discord:${h.guildId}:${h.channels[0]}`, { blocks: [{ kind: "text", text: "still here" }], fallbackText: "still here" });
    expect(ref).toMatch(/^discord:\d+:\d+:\d+$/);
  });

  it("reconciles reactions cast and withdrawn while the bot was down", async () => {
    await deliver(h, [h.channels[0]!]);
    const [first, second] = await paperItems(h, h.channels[0]!);
    const idOf = (ref: string | null) => ref!.split(":")[3]!;
    const bob = h.fake.addUser({ id: "1200000000000000002", username: "bob" });
    const carol = h.fake.addUser({ id: "1200000000000000003", username: "carol" });
    const robot = h.fake.addUser({ id: "1200000000000000004", username: "robot", bot: true });
    // Alice voted on the second paper while the bot was up.
    h.fake.react(idOf(second!.messageRef), h.alice.id, "👍");
    h.fake.gateway.dispatch("MESSAGE_REACTION_ADD", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId: idOf(second!.messageRef), user: h.alice, emoji: "👍", added: true }));
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, second!.paperId!)).toBe(1));
    await h.adapter.stop();
    // While down: bob and carol react to the first paper, a bot too, and alice withdraws hers.
    h.fake.react(idOf(first!.messageRef), bob.id, "👍");
    h.fake.react(idOf(first!.messageRef), carol.id, "⬆️");
    h.fake.react(idOf(first!.messageRef), robot.id, "👍");
    h.fake.react(idOf(second!.messageRef), h.alice.id, "👍", false);
    const adapter = await h.restart();
    const summary = await adapter.reconciled();
    expect(summary).toMatchObject({ added: 2, removed: 1, skipped: 0 });
    expect(await votesFor(h, h.channels[0]!, first!.paperId!)).toBe(2);
    expect(await votesFor(h, h.channels[0]!, second!.paperId!)).toBe(0);
    expect(h.fake.requests.some((r) => r.method === "GET" && r.path.endsWith("/reactions/👍"))).toBe(true);
  });

  it("reconnects on op 7 with RESUME (no new IDENTIFY) and keeps handling events", async () => {
    await deliver(h, [h.channels[0]!]);
    const [item] = await paperItems(h, h.channels[0]!);
    h.fake.gateway.requestReconnect();
    await eventually(() => expect(h.fake.gateway.frames.some((f) => f.op === 6)).toBe(true));
    const resume = h.fake.gateway.frames.find((f) => f.op === 6) as { d: { session_id: string; seq: number } };
    expect(resume.d.session_id).toBe("fake-session-1");
    expect(h.fake.gateway.frames.filter((f) => f.op === 2)).toHaveLength(1);
    await eventually(() => expect(h.fake.gateway.connected()).toBe(true));
    h.fake.gateway.dispatch("MESSAGE_REACTION_ADD", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId: item!.messageRef!.split(":")[3]!, user: h.alice, emoji: "👍", added: true }));
    await eventually(async () => expect(await votesFor(h, h.channels[0]!, item!.paperId!)).toBe(1));
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { reactionPacket } from "../../fakes/discord/gateway-payloads.js";
import { eventually, startHarness, type Harness } from "./discord-harness.js";

const DAY = "2026-08-03";

/** Delivers the digest to the first channel and returns its first paper's message id and paper id. */
async function firstPaper(h: Harness): Promise<{ messageId: string; paperId: string }> {
  const conversation = `discord:${h.guildId}:${h.channels[0]}`;
  await h.app.core.deliveries.run([{ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "discord" }], new Map([["discord", h.adapter]]), { concurrency: 1 });
  const item = (await h.app.ports.ledger.run(conversation, DAY).items()).find((i) => i.paperId !== null)!;
  return { messageId: item.messageRef!.split(":")[3]!, paperId: item.paperId! };
}

const votes = async (h: Harness, paperId: string) => (await h.app.ports.votes.counts({ conversation: `discord:${h.guildId}:${h.channels[0]}` }, [paperId])).get(paperId) ?? 0;

function react(h: Harness, messageId: string, userId: string, emoji: string, added = true): void {
  const user = h.fake.addUser({ id: userId, username: `user${userId.slice(-2)}` });
  h.fake.gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId, user, emoji, added }));
}

describe("discord adapter: which reactions count as upvotes", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("a skin-toned 👍🏽 counts like 👍 (default config thumbsup), and its removal removes the vote; 🎉 does not count", async () => {
    h = await startHarness();
    const { messageId, paperId } = await firstPaper(h);
    react(h, messageId, "1200000000000000011", "🎉");
    react(h, messageId, "1200000000000000012", "👍🏽");
    await eventually(async () => expect(await votes(h, paperId)).toBe(1));
    react(h, messageId, "1200000000000000013", "👍🏿");
    await eventually(async () => expect(await votes(h, paperId)).toBe(2));
    react(h, messageId, "1200000000000000012", "👍🏽", false);
    await eventually(async () => expect(await votes(h, paperId)).toBe(1));
    expect(await h.app.ports.votes.reactionVoters(`discord:${h.guildId}:${h.channels[0]}`, paperId)).toEqual(["1200000000000000013"]);
  });

  it("with votes.emoji [\"heart\"], ❤️ (with U+FE0F) and ❤ (without) both count, and 👍 no longer does", async () => {
    h = await startHarness({ config: { votes: { emoji: ["heart"] } } });
    const { messageId, paperId } = await firstPaper(h);
    react(h, messageId, "1200000000000000021", "👍");
    react(h, messageId, "1200000000000000022", "❤️");
    await eventually(async () => expect(await votes(h, paperId)).toBe(1));
    react(h, messageId, "1200000000000000023", "❤");
    await eventually(async () => expect(await votes(h, paperId)).toBe(2));
    expect((await h.app.ports.votes.reactionVoters(`discord:${h.guildId}:${h.channels[0]}`, paperId)).sort()).toEqual(["1200000000000000022", "1200000000000000023"]);
  });

  it("the start-up reconcile counts skin-toned reactions too", async () => {
    h = await startHarness();
    const { messageId, paperId } = await firstPaper(h);
    await h.adapter.stop();
    h.fake.addUser({ id: "1200000000000000031", username: "dana" });
    h.fake.react(messageId, "1200000000000000031", "👍🏽");
    const adapter = await h.restart();
    expect(await adapter.reconciled()).toMatchObject({ added: 1 });
    expect(await votes(h, paperId)).toBe(1);
  });
});

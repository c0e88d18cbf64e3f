import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiMessage, type FakeUser } from "../../fakes/discord/fake-objects.js";
import { buttonInteraction, reactionPacket } from "../../fakes/discord/gateway-payloads.js";
import { eventually, runSlash, startHarness, waitForRequest, type Harness } from "./discord-harness.js";

const DAY = "2026-08-03";

describe("discord: one vote per person per paper, held while any source holds it; live equals reconciled", () => {
  let h: Harness;
  let conversation: string;
  let bob: FakeUser;
  let messageId: string;
  let paperId: string;
  beforeEach(async () => {
    h = await startHarness();
    conversation = `discord:${h.guildId}:${h.channels[0]}`;
    bob = h.fake.addUser({ id: "1200000000000000042", username: "bob" });
    await h.app.core.deliveries.run([{ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "t", cutoff: null, platform: "discord" }], new Map([["discord", h.adapter]]), { concurrency: 1 });
    const item = (await h.app.ports.ledger.run(conversation, DAY).items()).find((i) => i.paperId !== null)!;
    messageId = item.messageRef!.split(":")[3]!;
    paperId = item.paperId!;
  });
  afterEach(async () => h.close());

  const count = async () => (await h.app.ports.votes.counts({ conversation }, [paperId])).get(paperId) ?? 0;
  /** A live reaction: the platform's state changes and the gateway tells the bot. */
  const react = async (emoji: string, added: boolean, expected: number) => {
    h.fake.react(messageId, bob.id, emoji, added);
    h.fake.gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", reactionPacket({ guildId: h.guildId, channelId: h.channels[0]!, messageId, user: bob, emoji, added }));
    await eventually(async () => expect(await count()).toBe(expected));
  };
  /** Restarts the adapter (start-up reconcile) and returns the count after it. */
  const reconciled = async () => {
    const adapter = await h.restart();
    await adapter.reconciled();
    return count();
  };

  it("👍 and ⬆️, then ⬆️ removed: the vote stays (👍 holds it), live and after a restart", async () => {
    await react("👍", true, 1);
    await react("⬆️", true, 1);
    await react("⬆️", false, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(1);
    expect(await reconciled()).toBe(1);
    await react("👍", false, 0);
    expect(await reconciled()).toBe(0);
  });

  it("/papers upvote, then a reaction added and removed: the command's vote stays, live and after a restart", async () => {
    await runSlash(h, "upvote", [{ name: "paper", type: 3, value: paperId }], { user: bob });
    await eventually(async () => expect(await count()).toBe(1));
    await react("👍", true, 1);
    await react("👍", false, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(1);
    expect(await reconciled()).toBe(1);
  });

  it("the Upvote button, then a reaction added and removed: the button's vote stays, live and after a restart", async () => {
    const message = h.fake.messages.get(messageId)!;
    const payload = buttonInteraction({ place: { guildId: h.guildId, channelId: h.channels[0]! }, user: bob, applicationId: h.fake.applicationId, customId: `papers:upvote:${paperId}`, message: apiMessage(message) });
    h.fake.gateway.dispatch("INTERACTION_CREATE", payload);
    await waitForRequest(h.fake, (r) => r.path.includes(`/${String(payload.token)}/callback`));
    await eventually(async () => expect(await count()).toBe(1));
    await react("👍", true, 1);
    await react("👍", false, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(1);
    expect(await reconciled()).toBe(1);
  });

  it("a reaction while the bot is down (counted by the reconcile), then removed while it is up: no vote, live and after a restart", async () => {
    await h.adapter.stop();
    h.fake.react(messageId, bob.id, "👍");
    expect(await reconciled()).toBe(1);
    await react("👍", false, 0);
    expect(await reconciled()).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReactionEvent } from "../../../src/core/chat/message.js";
import { deliverDigest } from "../../../src/core/digest/deliver-digest.js";
import { CHANNEL, createDigestApp, putSettings, request } from "../digest/digest-setup.js";
import { createFakeChatAdapter } from "../../fakes/fake-chat-adapter.js";
import { say } from "../../helpers/test-app.js";

describe("reaction upvotes on a topic channel's posts feed its topic feedback", () => {
  let app: Awaited<ReturnType<typeof createDigestApp>>;
  let posted: { paperId: string; messageRef: string };
  beforeEach(async () => {
    app = await createDigestApp();
    await putSettings(app, { mode: "topics" });
    await say(app, "subscribe agents", { conversation: CHANNEL });
    expect((await deliverDigest(app.ports, createFakeChatAdapter(), request("2026-08-03"))).kind).toBe("sent");
    const item = (await app.ports.ledger.run(CHANNEL, "2026-08-03").items()).find((i) => i.paperId && i.messageRef)!;
    posted = { paperId: item.paperId!, messageRef: item.messageRef! };
  });
  afterEach(() => app.cleanup());

  const reaction = (added: boolean, over: Partial<ReactionEvent> = {}): ReactionEvent => ({
    kind: "reaction", added, emoji: "👍", messageRef: posted.messageRef, platform: "discord", workspace: "G1", conversation: CHANNEL, raw: null,
    actor: { id: "dana", canManageChannel: async () => false }, ...over,
  });
  const feedback = async () => (await app.ports.topics.feedback.list(CHANNEL, "agents")).map((v) => [v.actor.id, v.kind, v.paper.id]);

  it("a reaction adds an up vote for the topic the paper matched, removing it withdraws it, a bot's counts for nothing", async () => {
    await app.core.handle(reaction(true));
    expect(await feedback()).toEqual([["dana", "up", posted.paperId]]);
    await app.core.handle(reaction(true, { actor: { id: "bot9", isBot: true, canManageChannel: async () => false } }));
    expect(await feedback()).toEqual([["dana", "up", posted.paperId]]);
    await app.core.handle(reaction(false));
    expect(await feedback()).toEqual([]);
  });

  it("the reconcile after downtime adds and withdraws the same feedback", async () => {
    const list = (users: string[]) => async (ref: string) => (ref === posted.messageRef ? { workspace: "G1", reactions: [{ emoji: "👍", users: async () => users }] } : null);
    await app.core.reconcileReactions({ days: 30, list: list(["erin"]) });
    expect(await feedback()).toEqual([["erin", "up", posted.paperId]]);
    await app.core.reconcileReactions({ days: 30, list: list([]) });
    expect(await feedback()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeDigest } from "../../../src/core/digest/compose-digest.js";
import { apiMessage } from "../../fakes/discord/fake-objects.js";
import { buttonInteraction } from "../../fakes/discord/gateway-payloads.js";
import { startHarness, waitForRequest, type Harness } from "./discord-harness.js";

const PAPER = "2607.28229";

describe("discord adapter: More like this / Not this on a topic channel's digest card", () => {
  let h: Harness;
  let conversation: string;
  let topic: string;
  beforeAll(async () => {
    h = await startHarness();
    conversation = `discord:${h.guildId}:${h.channels[0]}`;
    const paper = (await h.app.ports.papers.get(PAPER))!;
    topic = paper.aiKeywords[0] ?? paper.title.split(" ")[0]!;
    await h.app.ports.subscriptions.add({ conversation, platform: "discord", workspace: h.guildId, topic, addedBy: "u", addedAt: "2026-08-01T00:00:00Z" });
  });
  afterAll(async () => h.close());

  it("renders both buttons on the card and records the pressing user's vote for the channel's topic", async () => {
    const paper = (await h.app.ports.papers.get(PAPER))!;
    const digest = composeDigest({ digestDay: "2026-08-04", listDays: ["2026-08-03"], papers: [{ paper, localVotes: 0, score: 1, matchScore: 3, matched: topic }], topics: [topic], late: false });
    const ref = await h.adapter.send(conversation, digest.items[0]!.message);
    const message = h.fake.messages.get(ref.split(":")[3]!)!;
    const buttons = JSON.stringify(apiMessage(message).components);
    expect(buttons).toContain(`"custom_id":"papers:more:${PAPER}"`);
    expect(buttons).toContain('"label":"More like this"');
    expect(buttons).toContain(`"custom_id":"papers:less:${PAPER}"`);
    expect(buttons).toContain('"label":"Not this"');

    const payload = buttonInteraction({ place: { guildId: h.guildId, channelId: h.channels[0]! }, user: h.alice, applicationId: h.fake.applicationId, customId: `papers:less:${PAPER}`, message: apiMessage(message) });
    h.fake.gateway.dispatch("INTERACTION_CREATE", payload);
    const callback = await waitForRequest(h.fake, (r) => r.path.includes(`/${String(payload.token)}/callback`));
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining(`under ${topic}`) } });
    const votes = await h.app.ports.topics.feedback.list(conversation, topic.toLowerCase());
    expect(votes.map((v) => [v.actor.id, v.kind, v.paper.id])).toEqual([[h.alice.id, "less", PAPER]]);
  });
});

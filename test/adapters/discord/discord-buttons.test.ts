import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiMessage } from "../../fakes/discord/fake-objects.js";
import { buttonInteraction } from "../../fakes/discord/gateway-payloads.js";
import { STALE_BUTTON } from "../../../src/adapters/discord/handle-interaction.js";
import { runSlash, startHarness, waitForRequest, type Harness } from "./discord-harness.js";

const paperMessage = { blocks: [
  { kind: "text" as const, text: "A paper" },
  { kind: "actions" as const, buttons: [{ action: "summary", label: "Summary", value: "2607.28229" }, { action: "upvote", label: "Upvote", value: "2607.28229" }] },
], fallbackText: "A paper" };

describe("discord adapter: buttons and threads", () => {
  let h: Harness;
  let conversation: string;
  beforeAll(async () => {
    h = await startHarness();
    conversation = `discord:${h.guildId}:${h.channels[0]}`;
  });
  afterAll(async () => h.close());

  async function press(customId: string) {
    const ref = await h.adapter.send(conversation, paperMessage);
    const message = h.fake.messages.get(ref.split(":")[3]!)!;
    const payload = buttonInteraction({ place: { guildId: h.guildId, channelId: h.channels[0]! }, user: h.alice, applicationId: h.fake.applicationId, customId, message: apiMessage(message) });
    h.fake.gateway.dispatch("INTERACTION_CREATE", payload);
    return { token: String(payload.token), callback: await waitForRequest(h.fake, (r) => r.path.includes(`/${String(payload.token)}/callback`)) };
  }

  it("the Upvote button records one vote for the pressing user and answers ephemerally", async () => {
    const { callback } = await press("papers:upvote:2607.28229");
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/Upvoted/) } });
    expect((await h.app.ports.votes.counts({ conversation }, ["2607.28229"])).get("2607.28229")).toBe(1);
    const again = await press("papers:upvote:2607.28229");
    expect(String((again.callback.body as { data: { content: string } }).data.content)).toMatch(/counts once/);
  });

  it("the Summary button defers, then edits in the summary", async () => {
    const { callback, token } = await press("papers:summary:2607.28229");
    expect(callback.body).toMatchObject({ type: 5 });
    const edit = await waitForRequest(h.fake, (r) => r.method === "PATCH" && r.path.includes(`/${token}/messages/@original`));
    expect(JSON.stringify(edit.body)).toContain("2607.28229");
  });

  it("a button the bot did not make gets an ephemeral notice", async () => {
    const { callback } = await press("someone-else:thing");
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: STALE_BUTTON } });
  });

  it("posts into a thread under a message (started once, reused after)", async () => {
    const header = await h.adapter.send(conversation, { blocks: [{ kind: "header", text: "Papers for 2026-08-03" }], fallbackText: "Papers" });
    const headerId = header.split(":")[3]!;
    const first = await h.adapter.send(conversation, paperMessage, { threadOf: header });
    const second = await h.adapter.send(conversation, paperMessage, { threadOf: header });
    expect(first).toMatch(new RegExp(`^discord:${h.guildId}:${headerId}:\\d+$`));
    expect(second.split(":")[2]).toBe(headerId);
    const starts = h.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith(`/messages/${headerId}/threads`));
    expect(starts).toHaveLength(1);
    expect(starts[0]!.body).toMatchObject({ name: "Papers for 2026-08-03" });
  });
});

describe("discord adapter: /papers ask goes to the paper's thread", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it("answers a question about a paper this channel was sent in that paper's thread, and tells the asker privately", async () => {
    const conversation = `discord:${h.guildId}:${h.channels[0]}`;
    const [result] = await h.app.core.deliveries.run([
      { conversation, digestDay: "2026-08-03", scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "discord" },
    ], new Map([["discord", h.adapter]]), { concurrency: 1 });
    expect(result!.outcome.kind).toBe("sent");
    const item = (await h.app.ports.ledger.run(conversation, "2026-08-03").items()).find((i) => i.paperId)!;
    const paperMessageId = item.messageRef!.split(":")[3]!;
    const { callback, token } = await runSlash(h, "ask", [{ name: "paper", type: 3, value: item.paperId! }, { name: "question", type: 3, value: "what do they propose?" }]);
    expect(callback.body).toMatchObject({ type: 5 });
    const inThread = await waitForRequest(h.fake, (r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path) && JSON.stringify(r.body).includes("what do they propose?"));
    const threadStart = h.fake.requests.find((r) => r.method === "POST" && r.path.endsWith(`/messages/${paperMessageId}/threads`));
    expect(threadStart).toBeDefined();
    expect(inThread.path).not.toContain(h.channels[0]!);
    const note = await waitForRequest(h.fake, (r) => r.method === "POST" && r.path.includes(`/webhooks/`) && r.path.includes(token) && JSON.stringify(r.body).includes("Answered in the paper's thread"));
    expect((note.body as { flags?: number }).flags).toBe(64);
  });
});

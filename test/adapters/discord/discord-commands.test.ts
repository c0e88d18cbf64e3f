import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordDriver } from "../contract/discord-driver.js";
import { runAdapterContract } from "../contract/run-contract.js";
import { MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, commandInteraction, type ApiOption } from "../../fakes/discord/gateway-payloads.js";
import { eventually, requestsFor, runSlash, startHarness, waitForRequest, type Harness } from "./discord-harness.js";
import { DM_NOTICE } from "../../../src/adapters/discord/handle-interaction.js";

const EPHEMERAL = 64;
const str = (name: string, value: string): ApiOption => ({ name, type: 3, value });

type Body = { type: number; data?: { content?: string; embeds?: { title?: string }[]; flags?: number; allowed_mentions?: { parse: string[] }; choices?: { name: string; value: string }[] } };
const bodyOf = (r: { body: unknown }) => r.body as Body;

describe("discord adapter: /papers subcommands over INTERACTION_CREATE", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it.each([
    ["today", [], MEMBER_PERMISSIONS, false, /Papers for 2026-08-03/],
    ["search", [str("query", "language model")], MEMBER_PERMISSIONS, false, /Search|result|language/i],
    ["subscribe", [str("topic", "agents")], MANAGER_PERMISSIONS, true, /Subscribed this channel to agents/],
    ["topics", [], MEMBER_PERMISSIONS, false, /agents/],
    ["unsubscribe", [str("topic", "agents")], MANAGER_PERMISSIONS, true, /Unsubscribed/],
    ["upvote", [str("paper", "2607.28229")], MEMBER_PERMISSIONS, true, /Upvoted/],
    ["top", [], MEMBER_PERMISSIONS, false, /Top papers/],
    ["help", [], MEMBER_PERMISSIONS, true, /\/papers today/],
    ["schedule", [str("time", "09:30"), str("timezone", "Europe/Paris")], MANAGER_PERMISSIONS, true, /09:30/],
    ["settings", [], MANAGER_PERMISSIONS, null, /./],
    ["pause", [], MANAGER_PERMISSIONS, true, /[Pp]ause/],
    ["resume", [], MANAGER_PERMISSIONS, true, /[Rr]esum/],
    ["status", [], MEMBER_PERMISSIONS, null, /./],
  ] as const)("/papers %s answers directly (type 4) with the right visibility", async (sub, options, permissions, ephemeral, text) => {
    const { callback } = await runSlash(h, sub, [...options], { permissions });
    const body = bodyOf(callback);
    expect(body.type).toBe(4);
    const all = `${body.data?.content ?? ""}\n${(body.data?.embeds ?? []).map((e) => JSON.stringify(e)).join("\n")}`;
    expect(all).toMatch(text);
    if (ephemeral !== null) expect(((body.data?.flags ?? 0) & EPHEMERAL) !== 0).toBe(ephemeral);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it("today renders papers as embeds with title links, thumbnail and a public flag", async () => {
    const { callback } = await runSlash(h, "today", []);
    const embeds = (bodyOf(callback).data?.embeds ?? []) as { title: string; url: string; thumbnail?: { url: string }; fields: { name: string }[] }[];
    expect(embeds).toHaveLength(3);
    expect(embeds[0]!.title).toMatch(/^1\. /);
    expect(embeds[0]!.url).toMatch(/^https:\/\/huggingface\.co\/papers\//);
    expect(embeds[0]!.fields.map((f) => f.name)).toContain("Upvotes");
  });

  it("summary is slow: it defers (type 5) and then edits @original", async () => {
    const { callback, token } = await runSlash(h, "summary", [str("paper", "2607.28229")]);
    expect(bodyOf(callback).type).toBe(5);
    const edit = await waitForRequest(h.fake, (r) => r.method === "PATCH" && r.path.endsWith(`/${token}/messages/@original`));
    expect(JSON.stringify(edit.body)).toMatch(/2607\.28229/);
    expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it("a slow command whose answer is an error replaces the public deferral with an ephemeral follow-up", async () => {
    const { token } = await runSlash(h, "summary", [str("paper", "not a paper id at all")]);
    const follow = await waitForRequest(h.fake, (r) => r.method === "POST" && r.path.endsWith(`/webhooks/${h.fake.applicationId}/${token}`));
    expect(bodyOf({ body: { data: follow.body } }).data?.flags).toBe(EPHEMERAL);
    expect(requestsFor(h.fake, token).some((r) => r.method === "DELETE")).toBe(true);
  });

  it("refuses a manager command to a member without Manage Channels, ephemerally", async () => {
    const { callback } = await runSlash(h, "subscribe", [str("topic", "robotics")], { permissions: MEMBER_PERMISSIONS });
    const data = bodyOf(callback).data!;
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/You need the Manage Channels right in this channel to use \/papers subscribe/);
    expect((await h.app.ports.subscriptions.list(`discord:${h.guildId}:${h.channels[0]}`)).map((s) => s.topic)).not.toContain("robotics");
  });

  it("shows /papers settings to a member without Manage Channels, but refuses changing one, naming the right", async () => {
    const shown = bodyOf((await runSlash(h, "settings", [], { permissions: MEMBER_PERMISSIONS })).callback).data!;
    expect(shown.content).toMatch(/Schedule: /);
    expect(shown.content).toMatch(/Settings: /);
    const refused = bodyOf((await runSlash(h, "settings", [str("key", "max"), str("value", "3")], { permissions: MEMBER_PERMISSIONS })).callback).data!;
    expect(refused.flags).toBe(EPHEMERAL);
    expect(refused.content).toMatch(/^You need the Manage Channels right in this channel to change \/papers settings: .* Anyone can see the current values with \/papers settings\.$/);
    expect((await h.app.ports.channelSettings.get(`discord:${h.guildId}:${h.channels[0]}`))?.maxPapers ?? 10).toBe(10);
  });

  it("autocompletes topics from the channel's subscriptions and papers from the latest day", async () => {
    await runSlash(h, "subscribe", [str("topic", "retrieval agents")], { permissions: MANAGER_PERMISSIONS });
    const place = { guildId: h.guildId, channelId: h.channels[0]! };
    const topic = commandInteraction({ place, user: h.alice, applicationId: h.fake.applicationId, sub: "unsubscribe", options: [{ name: "topic", type: 3, value: "retr", focused: true }], autocomplete: true });
    h.fake.gateway.dispatch("INTERACTION_CREATE", topic);
    const topicAnswer = await waitForRequest(h.fake, (r) => r.path.includes(`/${String(topic.token)}/callback`));
    expect(bodyOf(topicAnswer)).toEqual({ type: 8, data: { choices: [{ name: "retrieval agents", value: "retrieval agents" }] } });
    const paper = commandInteraction({ place, user: h.alice, applicationId: h.fake.applicationId, sub: "summary", options: [{ name: "paper", type: 3, value: "2607", focused: true }], autocomplete: true });
    h.fake.gateway.dispatch("INTERACTION_CREATE", paper);
    const paperAnswer = await waitForRequest(h.fake, (r) => r.path.includes(`/${String(paper.token)}/callback`));
    const choices = bodyOf(paperAnswer).data?.choices ?? [];
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(["2607.28229"]));
    expect(choices.every((c) => c.name.length <= 100)).toBe(true);
  });

  describe("bad input keeps the bot running", () => {
    it("an unknown subcommand from a stale registration gets an ephemeral pointer to help", async () => {
      const { callback } = await runSlash(h, "digest-now", []);
      expect(bodyOf(callback).data?.flags).toBe(EPHEMERAL);
      expect(bodyOf(callback).data?.content).toMatch(/There is no \/papers digest-now command.*\/papers help/);
    });

    it("an unknown top-level command from a stale registration is refused the same way", async () => {
      const { callback } = await runSlash(h, null, [], { command: "papers-old" });
      expect(bodyOf(callback).data?.content).toMatch(/There is no \/papers papers-old command/);
    });

    it("an option of the wrong type (an integer date) is refused with the usage", async () => {
      const { callback } = await runSlash(h, "today", [{ name: "date", type: 4, value: 20260803 }]);
      expect(bodyOf(callback).data?.flags).toBe(EPHEMERAL);
      expect(bodyOf(callback).data?.content).toMatch(/Usage: \/papers today/);
    });

    it("an over-long option is refused without storing anything", async () => {
      const before = (await h.app.ports.subscriptions.list(`discord:${h.guildId}:${h.channels[0]}`)).length;
      const long = await runSlash(h, "subscribe", [str("topic", "x".repeat(600))], { permissions: MANAGER_PERMISSIONS });
      expect(bodyOf(long.callback).data?.content).toMatch(/limited to 500 characters/);
      const huge = await runSlash(h, "subscribe", [str("topic", "x".repeat(6000))], { permissions: MANAGER_PERMISSIONS });
      expect(bodyOf(huge.callback).data?.content).toMatch(/commands take at most 4000/);
      expect(await h.app.ports.subscriptions.list(`discord:${h.guildId}:${h.channels[0]}`)).toHaveLength(before);
    });

    it("an interaction from a DM (no guild) gets the server-channels notice", async () => {
      const { callback } = await runSlash(h, "today", [], { dm: true });
      expect(bodyOf(callback).data).toMatchObject({ flags: EPHEMERAL, content: DM_NOTICE });
    });

    it("still answers afterwards", async () => {
      const { callback } = await runSlash(h, "help", []);
      expect(bodyOf(callback).type).toBe(4);
    });
  });

  it("every message request carried allowed_mentions.parse = []", async () => {
    await eventually(() => expect(h.fake.requests.length).toBeGreaterThan(10));
    const messageRequests = h.fake.requests.filter(
      (r) => (r.path.endsWith("/callback") && [4, 7].includes(Number(r.body?.type))) || r.path.includes("/webhooks/") && r.method !== "DELETE" || /\/channels\/\d+\/messages$/.test(r.path) && r.method === "POST",
    );
    expect(messageRequests.length).toBeGreaterThan(10);
    for (const r of messageRequests) {
      const data = (r.path.endsWith("/callback") ? r.body?.data : r.body) as { allowed_mentions?: unknown };
      expect(data.allowed_mentions, `${r.method} ${r.path}`).toEqual({ parse: [] });
    }
  });
});

runAdapterContract("Discord (discord.js over the local fake gateway)", startDiscordDriver);

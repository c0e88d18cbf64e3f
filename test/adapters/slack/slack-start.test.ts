import { describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../../src/adapters/slack/slack-adapter.js";
import { resolveSlackCredentials, slackConfigSchema } from "../../../src/adapters/slack/slack-config.js";
import { startFakeSlack } from "../../fakes/slack/fake-slack.js";
import type { ChatCore } from "../../../src/core/chat/chat-adapter.js";
import { createRecordingLogger, SECRETS, testAdapterOptions } from "./slack-harness.js";

/** A core that answers nothing: these tests look at connecting, not at commands. */
const IDLE_CORE: ChatCore = {
  commands: [],
  isSlow: () => false,
  handle: async () => null,
  autocomplete: async () => [],
  reconcileReactions: async () => ({ messages: 0, added: 0, removed: 0, skipped: 0 }),
};

describe("slack adapter start-up", () => {
  it.each([
    ["a bad bot token", { botToken: "xoxb-wrong-token-123" }],
    ["a bad app token", { appToken: "xapp-wrong-token-456" }],
  ])("fails start with %s, without logging either token, and leaves nothing running", async (_label, bad) => {
    const fake = await startFakeSlack();
    const logger = createRecordingLogger();
    const adapter = createSlackAdapter(testAdapterOptions("socket", fake.apiUrl, logger, {}, bad));
    await expect(adapter.start(IDLE_CORE)).rejects.toThrow(/invalid_auth/);
    await adapter.stop();
    await fake.close();
    const all = logger.lines.join("\n");
    for (const secret of [...Object.values(SECRETS), ...Object.values(bad)]) expect(all).not.toContain(secret);
  });

  it("connects in Socket Mode with the app token, then stops cleanly", async () => {
    const fake = await startFakeSlack();
    const adapter = createSlackAdapter(testAdapterOptions("socket", fake.apiUrl, createRecordingLogger(), { reconcileDays: 0 }));
    await adapter.start(IDLE_CORE);
    await fake.whenConnected();
    expect(adapter.identity()).toEqual({ teamId: "T0001", botUserId: "UBOT" });
    expect(adapter.limits).toEqual({ perChannel: { messages: 1, windowMs: 1000 }, global: null });
    expect(fake.callsTo("apps.connections.open")[0]!.auth).toBe(`Bearer ${SECRETS.appToken}`);
    expect(await adapter.reconciled).toBeNull();
    await adapter.stop();
    await adapter.stop();
    await fake.close();
  });

  it("checks that the env holds what the configured mode needs", () => {
    const socket = slackConfigSchema.parse({});
    expect(socket).toMatchObject({ mode: "socket", path: "/slack/events", port: 3000, command: "/papers", reconcileDays: 7 });
    const none = { slackBotToken: null, slackAppToken: null, slackSigningSecret: null };
    expect(resolveSlackCredentials(socket, none)).toBeNull();
    expect(() => resolveSlackCredentials(socket, { ...none, slackBotToken: "xoxb-1" })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => resolveSlackCredentials(socket, { ...none, slackAppToken: "xapp-1" })).toThrow(/SLACK_BOT_TOKEN/);
    expect(resolveSlackCredentials(socket, { ...none, slackBotToken: "xoxb-1", slackAppToken: "xapp-1" })).toEqual({ botToken: "xoxb-1", appToken: "xapp-1" });
    const http = slackConfigSchema.parse({ mode: "http", port: 8080, path: "/hooks/slack" });
    expect(() => resolveSlackCredentials(http, { ...none, slackBotToken: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(resolveSlackCredentials(http, { ...none, slackBotToken: "xoxb-1", slackSigningSecret: "s" })).toEqual({ botToken: "xoxb-1", signingSecret: "s" });
    expect(() => slackConfigSchema.parse({ mode: "websocket" })).toThrow();
    expect(() => slackConfigSchema.parse({ path: "slack" })).toThrow(/path such as/);
  });
});

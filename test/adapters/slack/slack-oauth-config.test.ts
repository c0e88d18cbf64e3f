import { describe, expect, it } from "vitest";
import { resolveSlackCredentials, slackConfigSchema, type SlackSecrets } from "../../../src/adapters/slack/slack-config.js";
import { installKeyOf } from "../../../src/adapters/slack/slack-installations.js";

const http = slackConfigSchema.parse({ mode: "http" });
const oauth: SlackSecrets = {
  slackBotToken: null,
  slackAppToken: null,
  slackSigningSecret: "test-signing-secret-0123456789abcdef",
  slackClientId: "1111.2222",
  slackClientSecret: "client-secret",
  slackStateSecret: "state-secret-0123456789abcdef",
  slackInstallationKey: Buffer.alloc(32, 7).toString("base64"),
};

describe("Slack OAuth settings", () => {
  it("all four settings in HTTP mode give OAuth credentials and no bot token", () => {
    const credentials = resolveSlackCredentials(http, oauth);
    expect(credentials).toMatchObject({ signingSecret: oauth.slackSigningSecret, oauth: { clientId: "1111.2222", clientSecret: "client-secret", stateSecret: oauth.slackStateSecret } });
    expect(credentials?.botToken).toBeUndefined();
    expect(credentials?.oauth?.installationKey.bytes).toHaveLength(32);
  });

  it("names what is missing, and refuses Socket Mode, a bot token alongside, a missing signing secret, a short state secret and a bad key", () => {
    expect(() => resolveSlackCredentials(http, { ...oauth, slackStateSecret: null, slackInstallationKey: null })).toThrow(/^SLACK_CLIENT_ID, SLACK_CLIENT_SECRET are set but SLACK_STATE_SECRET, SLACK_INSTALLATION_KEY are not: .*openssl rand -base64 32/);
    expect(() => resolveSlackCredentials(slackConfigSchema.parse({}), oauth)).toThrow(/needs slack\.mode "http": Slack must reach \/slack\/install, \/slack\/oauth_redirect and \/slack\/events/);
    expect(() => resolveSlackCredentials(http, { ...oauth, slackBotToken: "xoxb-1" })).toThrow(/^SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set/);
    expect(() => resolveSlackCredentials(http, { ...oauth, slackSigningSecret: null })).toThrow(/needs SLACK_SIGNING_SECRET/);
    expect(() => resolveSlackCredentials(http, { ...oauth, slackStateSecret: "short" })).toThrow(/^SLACK_STATE_SECRET is too short/);
    expect(() => resolveSlackCredentials(http, { ...oauth, slackInstallationKey: "abc" })).toThrow(/^SLACK_INSTALLATION_KEY must be 32 bytes/);
  });

  it("without any OAuth setting, the one-workspace tokens work as before", () => {
    expect(resolveSlackCredentials(http, { slackBotToken: "xoxb-1", slackAppToken: null, slackSigningSecret: "s" })).toEqual({ botToken: "xoxb-1", signingSecret: "s" });
    expect(resolveSlackCredentials(http, { slackBotToken: null, slackAppToken: null, slackSigningSecret: null })).toBeNull();
  });
});

describe("installKeyOf", () => {
  it("keys an org-wide install by its enterprise, any other by its team", () => {
    expect(installKeyOf({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: true })).toBe("E1");
    expect(installKeyOf({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: false })).toBe("T1");
    expect(installKeyOf({ enterpriseId: "E1" })).toBeNull();
  });
});

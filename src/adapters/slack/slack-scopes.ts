/** The bot scopes the adapter needs, as manifest.yml declares them (test/adapters/slack/slack-manifest.test.ts holds them together); the OAuth install asks for these. */
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "reactions:read",
  "channels:read",
  "groups:read",
  "im:read",
  "mpim:read",
  "users:read",
  "channels:history",
  "groups:history",
] as const;

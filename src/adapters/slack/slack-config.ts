import { z } from "zod";
import { BotError } from "../../core/errors.js";

/** The `slack` section of config/papers.json; tokens never live here (env only). */
export const slackConfigSchema = z
  .strictObject({
    /** `socket` (default: no public URL needed, uses SLACK_APP_TOKEN) or `http` (Events API over HTTPS, uses SLACK_SIGNING_SECRET). */
    mode: z.enum(["socket", "http"]).default("socket"),
    /** Web API base URL; tests point it at a local fake. Must end with `/api/`. */
    apiUrl: z.url().default("https://slack.com/api/"),
    /** HTTP mode: port the request URL is served on (0 picks a free one). */
    port: z.number().int().min(0).max(65_535).default(3000),
    /** HTTP mode: interface to bind. */
    host: z.string().min(1).default("0.0.0.0"),
    /** HTTP mode: path of the Request URL (events, commands and interactivity all go here). */
    path: z.string().regex(/^\/[\w\-/.]*$/, "use a path such as /slack/events").default("/slack/events"),
    /** The slash command, as declared in manifest.yml. */
    command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, "use a slash command such as /papers").default("/papers"),
    /** Days of digest messages whose reactions are reconciled at start-up. */
    reconcileDays: z.number().int().min(0).max(30).default(7),
    /** Web API retries (429 Retry-After waits and network errors) before a send fails as transient. */
    retries: z.number().int().min(0).max(10).default(4),
  })
  .prefault({});

/** The validated `slack` config section. */
export type SlackConfig = z.infer<typeof slackConfigSchema>;

/** The Slack secrets, as config.ts reads them from env. */
export interface SlackSecrets {
  /** SLACK_BOT_TOKEN (`xoxb-`). */
  slackBotToken: string | null;
  /** SLACK_APP_TOKEN (`xapp-`), Socket Mode only. */
  slackAppToken: string | null;
  /** SLACK_SIGNING_SECRET, HTTP mode only. */
  slackSigningSecret: string | null;
}

/** The tokens a mode needs, checked; null when SLACK_BOT_TOKEN is unset (Slack is off). */
export interface SlackCredentials {
  /** Bot token. */
  botToken: string;
  /** App-level token (Socket Mode). */
  appToken?: string;
  /** Signing secret (HTTP mode). */
  signingSecret?: string;
}

/**
 * Checks that the env holds what the configured mode needs. Returns null when Slack is not
 * configured at all; throws BotError("CONFIG") naming the missing variable and the fix.
 */
export function resolveSlackCredentials(config: SlackConfig, env: SlackSecrets): SlackCredentials | null {
  if (!env.slackBotToken) {
    if (env.slackAppToken || env.slackSigningSecret) {
      throw new BotError("CONFIG", "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: set the bot token (xoxb-...) from OAuth & Permissions.");
    }
    return null;
  }
  if (!env.slackBotToken.startsWith("xoxb-")) {
    throw new BotError("CONFIG", "SLACK_BOT_TOKEN must be the bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token).");
  }
  if (config.mode === "socket") {
    if (!env.slackAppToken) {
      throw new BotError("CONFIG", 'slack.mode is "socket" but SLACK_APP_TOKEN is not set: create an app-level token with connections:write (Basic Information → App-Level Tokens), or set slack.mode to "http".');
    }
    if (!env.slackAppToken.startsWith("xapp-")) {
      throw new BotError("CONFIG", "SLACK_APP_TOKEN must be the app-level token starting with xapp- (Basic Information → App-Level Tokens).");
    }
    return { botToken: env.slackBotToken, appToken: env.slackAppToken };
  }
  if (!env.slackSigningSecret) {
    throw new BotError("CONFIG", 'slack.mode is "http" but SLACK_SIGNING_SECRET is not set: copy it from Basic Information → App Credentials.');
  }
  return { botToken: env.slackBotToken, signingSecret: env.slackSigningSecret };
}

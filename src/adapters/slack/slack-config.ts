import { z } from "zod";
import { BotError } from "../../core/errors.js";
import { parseInstallationKey, type InstallationKey } from "./seal-installation.js";

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
    /** OAuth distribution (SLACK_CLIENT_ID set): the path that starts an install (redirects to Slack's authorize page). */
    installPath: z.string().regex(/^\/[\w\-/.]*$/, "use a path such as /slack/install").default("/slack/install"),
    /** OAuth distribution: the Redirect URL's path, as added under OAuth & Permissions → Redirect URLs. */
    redirectPath: z.string().regex(/^\/[\w\-/.]*$/, "use a path such as /slack/oauth_redirect").default("/slack/oauth_redirect"),
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
  /** SLACK_CLIENT_ID: turns on OAuth distribution (many workspaces). */
  slackClientId?: string | null;
  /** SLACK_CLIENT_SECRET (Basic Information → App Credentials). */
  slackClientSecret?: string | null;
  /** SLACK_STATE_SECRET: signs the OAuth state parameter. */
  slackStateSecret?: string | null;
  /** SLACK_INSTALLATION_KEY: 32 bytes (base64 or hex) that encrypt installs at rest. */
  slackInstallationKey?: string | null;
}

/** What OAuth distribution needs, checked. */
export interface SlackOAuthCredentials {
  /** SLACK_CLIENT_ID. */
  clientId: string;
  /** SLACK_CLIENT_SECRET. */
  clientSecret: string;
  /** SLACK_STATE_SECRET. */
  stateSecret: string;
  /** SLACK_INSTALLATION_KEY, parsed. */
  installationKey: InstallationKey;
}

/** The tokens a mode needs, checked; null when neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID is set (Slack is off). */
export interface SlackCredentials {
  /** Bot token of the one workspace; absent with OAuth, where each workspace's token comes from its install. */
  botToken?: string;
  /** App-level token (Socket Mode). */
  appToken?: string;
  /** Signing secret (HTTP mode). */
  signingSecret?: string;
  /** OAuth distribution (HTTP mode only). */
  oauth?: SlackOAuthCredentials;
}

const OAUTH_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_INSTALLATION_KEY"] as const;

/** OAuth distribution's settings, checked; null when none of them is set. */
function resolveOAuth(config: SlackConfig, env: SlackSecrets): SlackCredentials | null {
  const values = { SLACK_CLIENT_ID: env.slackClientId, SLACK_CLIENT_SECRET: env.slackClientSecret, SLACK_STATE_SECRET: env.slackStateSecret, SLACK_INSTALLATION_KEY: env.slackInstallationKey };
  const set = OAUTH_VARS.filter((name) => values[name]);
  if (set.length === 0) return null;
  const missing = OAUTH_VARS.filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new BotError("CONFIG", `${set.join(", ")} ${set.length === 1 ? "is" : "are"} set but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not: OAuth distribution needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (Basic Information → App Credentials), SLACK_STATE_SECRET and SLACK_INSTALLATION_KEY (make each with \`openssl rand -base64 32\`); or unset them all to run in one workspace with SLACK_BOT_TOKEN.`);
  }
  if (env.slackBotToken) {
    throw new BotError("CONFIG", "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: with OAuth each workspace's token comes from its install. Unset SLACK_BOT_TOKEN (and install each workspace at /slack/install), or unset the SLACK_CLIENT_* settings to stay in one workspace.");
  }
  if (config.mode !== "http") {
    throw new BotError("CONFIG", `SLACK_CLIENT_ID is set (OAuth distribution), which needs slack.mode "http": Slack must reach ${config.installPath}, ${config.redirectPath} and ${config.path}. Set "slack": { "mode": "http" } in the config file, or unset SLACK_CLIENT_ID to stay in one workspace.`);
  }
  if (!env.slackSigningSecret) {
    throw new BotError("CONFIG", "OAuth distribution runs in HTTP mode, which needs SLACK_SIGNING_SECRET: copy it from Basic Information → App Credentials.");
  }
  if (values.SLACK_STATE_SECRET!.length < 16) {
    throw new BotError("CONFIG", "SLACK_STATE_SECRET is too short to sign the install flow's state (16 characters at least): make one with `openssl rand -base64 32`.");
  }
  return {
    signingSecret: env.slackSigningSecret,
    oauth: { clientId: values.SLACK_CLIENT_ID!, clientSecret: values.SLACK_CLIENT_SECRET!, stateSecret: values.SLACK_STATE_SECRET!, installationKey: parseInstallationKey(values.SLACK_INSTALLATION_KEY!) },
  };
}

/**
 * Checks that the env holds what the configured mode needs: OAuth distribution when any
 * SLACK_CLIENT_ID / SECRET / STATE_SECRET / INSTALLATION_KEY is set, else one workspace's
 * tokens. Returns null when Slack is not configured at all; throws BotError("CONFIG") naming the missing variable and the fix.
 */
export function resolveSlackCredentials(config: SlackConfig, env: SlackSecrets): SlackCredentials | null {
  const oauth = resolveOAuth(config, env);
  if (oauth) return oauth;
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

import { existsSync, readFileSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { discordConfigSchema } from "./adapters/discord/discord-config.js";
import { applyShardSettings } from "./adapters/discord/discord-shards.js";
import { slackConfigSchema } from "./adapters/slack/slack-config.js";
import { checkDatabaseUrl } from "./check-database-url.js";
import { BotError } from "./core/errors.js";
import { withDotEnv, type DotEnvFile } from "./with-dot-env.js";
import { llmApiKeyFromEnv, llmConfigProblem, llmConfigSchema } from "./llm/llm-config.js";

const httpSchema = z.strictObject({
  /** Per-request timeout, milliseconds. */
  timeoutMs: z.number().int().min(1000).max(300_000).default(20_000),
  /** Retries on 429/5xx/network errors before giving up. */
  retries: z.number().int().min(0).max(10).default(3),
  /** User-Agent sent to every upstream; names the bot so operators can reach us. */
  userAgent: z.string().min(3).default("papers-bot/0.1 (+https://github.com/papers-bot/papers-bot)"),
});

const configSchema = z.strictObject({
  database: z
    .strictObject({
      /** SQLite file path, relative to the working directory; PAPERS_DB overrides it. Unused when `url` is set. */
      path: z.string().min(1).default("data/papers.db"),
      /** Postgres URL (postgres://user:password@host:5432/db): puts every command on Postgres instead of SQLite; DATABASE_URL overrides it. */
      url: z.string().min(1).optional(),
      /** How long `npm start` keeps retrying a Postgres server that does not answer (with backoff, each attempt logged) before giving up with exit 78, seconds; 0 tries once. The CLI tries once. */
      connectRetrySeconds: z.number().min(0).max(3600).default(30),
    })
    .prefault({}),
  instance: z
    .strictObject({
      /** This process's name among instances sharing one store (lease holder, shown by /papers status); INSTANCE_ID overrides it. Default `<hostname>-<pid>`. */
      id: z.string().trim().min(1).max(100).regex(/^[\w.:@-]+$/, "use letters, digits and . _ : @ - only").optional(),
    })
    .prefault({}),
  log: z
    .strictObject({
      /** Minimum level written; LOG_LEVEL overrides it. */
      level: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    })
    .prefault({}),
  sources: z
    .strictObject({
      hf: z
        .strictObject({
          /** Fetch Hugging Face Daily Papers. */
          enabled: z.boolean().default(true),
          /** API origin (tests point it at a local fake). */
          baseUrl: z.url().default("https://huggingface.co"),
          /** How many earlier days to re-fetch for late additions and new upvotes. */
          refetchDays: z.number().int().min(0).max(14).default(2),
        })
        .prefault({}),
      arxiv: z
        .strictObject({
          /** Fetch the arXiv listing feeds for `categories`. */
          rssEnabled: z.boolean().default(true),
          /** arXiv categories whose daily listing is ingested, e.g. cs.CL. */
          categories: z.array(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, "use arXiv category names such as cs.CL")).default(["cs.CL", "cs.LG", "cs.AI", "cs.CV"]),
          /** Listing-feed origin. */
          rssBaseUrl: z.url().default("https://rss.arxiv.org"),
          /** Export API origin. */
          apiBaseUrl: z.url().default("https://export.arxiv.org"),
          /** Minimum spacing between arXiv requests, ms (arXiv asks for one every 3 s). */
          minIntervalMs: z.number().int().min(0).default(3000),
        })
        .prefault({}),
      http: httpSchema.prefault({}),
    })
    .prefault({}),
  scheduler: z
    .strictObject({
      /** Run the minute tick (daily posts) and the ingest cadence. */
      enabled: z.boolean().default(true),
      /** Channels delivered at the same time. */
      concurrency: z.number().int().min(1).max(500).default(16),
      /** A post going out later than this after its time is marked late, minutes. */
      lateAfterMinutes: z.number().int().min(1).max(1440).default(15),
      /** How long a post waits for the day's list before posting what there is or a notice, minutes. */
      waitForListMinutes: z.number().int().min(0).max(1440).default(180),
      /** How far back the `all` catch-up policy reaches, days. */
      maxCatchUpDays: z.number().int().min(1).max(30).default(7),
      /** When to fetch new papers. */
      ingest: z
        .strictObject({
          /** Minutes between fetches before earlyUntilHourUtc (lists fill 00:00–07:00 UTC). */
          earlyEveryMinutes: z.number().int().min(1).max(1440).default(10),
          /** Minutes between fetches for the rest of the day. */
          everyMinutes: z.number().int().min(1).max(1440).default(30),
          /** UTC hour until which the early cadence applies. */
          earlyUntilHourUtc: z.number().int().min(0).max(24).default(10),
        })
        .prefault({}),
      /** How long deliveries wait for the first fetch after start, minutes. */
      startupIngestWaitMinutes: z.number().int().min(0).max(60).default(5),
      /** How long shutdown waits for a running fetch, seconds. */
      stopTimeoutSeconds: z.number().int().min(1).max(300).default(20),
      /** Lease on a channel's digest while an instance sends it, seconds: renewed while sending; another instance takes over a dead one's channels once it lapses. */
      leaseSeconds: z.number().min(1).max(3600).default(120),
      /** Lease on ingesting (one instance of those sharing a store fetches papers), seconds: renewed every third of it; another instance takes over once a dead holder's lapses. */
      ingestLeaseSeconds: z.number().min(1).max(3600).default(180),
    })
    .prefault({}),
  discord: discordConfigSchema.prefault({}),
  llm: llmConfigSchema.prefault({}),
  slack: slackConfigSchema,
  votes: z
    .strictObject({
      /** Reactions that count as an upvote on a posted paper (Slack or GitHub names, with or without colons, or emoji characters; 👍 = 👍🏽 = thumbsup = +1 = :+1::skin-tone-2:). */
      emoji: z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(64)
            .refine((e) => /[^\x00-\x7f]/.test(e) || /^:?[a-z0-9_+'-]+(::skin-tone-\d)?:?$/i.test(e), {
              message: "is neither an emoji nor an emoji name (names have no spaces): write it as Slack does, e.g. thumbsup, +1, heart, or the emoji itself, e.g. 👍",
            }),
        )
        .min(1)
        .default(["thumbsup", "arrow_up"]),
    })
    .prefault({}),
  topics: z
    .strictObject({
      /** Papers the store must have counted before learned terms join topics (fewer give noisy associations; 5000 is about a week of the default arXiv categories). */
      learnAfterPapers: z.number().int().min(0).max(10_000_000).default(5000),
    })
    .prefault({}),
  embeddings: z
    .strictObject({
      /** OpenAI-compatible endpoint origin without /v1 (OpenAI https://api.openai.com, Ollama http://localhost:11434, vLLM); unset = embeddings off (the default). Key from EMBEDDINGS_API_KEY. */
      baseUrl: z.url().optional(),
      /** Embedding model name, e.g. text-embedding-3-small or nomic-embed-text; required with baseUrl. */
      model: z.string().trim().min(1).optional(),
      /** Longest wait for one embeddings request, ms; then topics match by their words only. */
      timeoutMs: z.number().int().min(100).max(120_000).default(5000),
      /** Weight of semantic similarity in the hybrid score (1.5: a perfect cosine alone just reaches the match threshold). */
      weight: z.number().min(0).max(5).default(1.5),
    })
    .refine((e) => (e.baseUrl === undefined) === (e.model === undefined), { message: "set both baseUrl and model to turn embeddings on, or neither to keep them off" })
    .prefault({}),
  http: z
    .strictObject({
      /** Port of the health and metrics server (GET /healthz, GET /metrics); null keeps it off. PAPERS_HTTP_PORT overrides it. */
      port: z.number().int().min(0).max(65_535).nullable().default(null),
      /** Address it listens on; 0.0.0.0 so a container's port mapping reaches it. */
      host: z.string().min(1).default("0.0.0.0"),
    })
    .prefault({}),
  shell: z
    .strictObject({
      /** Conversation reference the shell speaks as. */
      conversation: z.string().default("shell:local:terminal"),
      /** User id the shell speaks as. */
      user: z.string().default("local-user"),
    })
    .prefault({}),
});

export type { DotEnvFile } from "./with-dot-env.js";

/** The validated configuration, with defaults filled in. */
export type AppConfig = z.infer<typeof configSchema>;

/** Secrets and overrides read from the environment; never logged. */
export interface AppEnv {
  /** Discord bot token (starts the Discord adapter). */
  discordToken: string | null;
  /** Slack bot token. */
  slackBotToken: string | null;
  /** Slack app-level token for Socket Mode. */
  slackAppToken: string | null;
  /** Slack signing secret for HTTP mode. */
  slackSigningSecret: string | null;
  /** Slack OAuth distribution (many workspaces): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_INSTALLATION_KEY. */
  slackClientId: string | null;
  /** SLACK_CLIENT_SECRET. */
  slackClientSecret: string | null;
  /** SLACK_STATE_SECRET. */
  slackStateSecret: string | null;
  /** SLACK_INSTALLATION_KEY (32 bytes, base64 or hex): encrypts installs at rest. */
  slackInstallationKey: string | null;
  /** Language-model API key (LLM_API_KEY, else OPENAI_API_KEY / ANTHROPIC_API_KEY for the configured provider). */
  llmApiKey: string | null;
  /** Bearer key of the embeddings endpoint (EMBEDDINGS_API_KEY), or null (Ollama and vLLM need none). */
  embeddingsApiKey: string | null;
  /** True when LOG_LEVEL set the log level (the shell then keeps the full log). */
  logLevelSet: boolean;
  /** The package version npm runs us as (npm_package_version), or null. */
  packageVersion: string | null;
}


/** Everything loadConfig returns. */
export interface LoadedConfig {
  /** Validated config. */
  config: AppConfig;
  /** Secrets from env. */
  env: AppEnv;
  /** The file that was read, or null when defaults were used. */
  file: string | null;
  /** The `.env` file read from the working directory, or null when there is none. */
  dotEnv: DotEnvFile | null;
}


/** PAPERS_HTTP_PORT as a port number; a bad value is refused with the fix. */
function httpPortOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new BotError("CONFIG", `PAPERS_HTTP_PORT="${value}" is not a port; use a number from 1 to 65535 (0 picks a free one), or unset it to keep the health server off.`);
  return port;
}

/** INSTANCE_ID, else the configured id, else `<hostname>-<pid>`; a bad INSTANCE_ID is refused with the fix. */
function instanceIdOf(fromEnv: string | undefined, configured: string | undefined): string {
  const value = fromEnv?.trim();
  if (!value) return configured ?? `${hostname()}-${process.pid}`;
  const checked = configSchema.shape.instance.unwrap().shape.id.safeParse(value);
  if (!checked.success || checked.data === undefined) throw new BotError("CONFIG", `INSTANCE_ID="${value.slice(0, 100)}" is not an instance name; use up to 100 letters, digits and . _ : @ - (e.g. bot-1), or unset it for <hostname>-<pid>.`);
  return checked.data;
}

/** Turns zod issues into one message per key with a fix. */
function describeIssues(error: z.ZodError, file: string): string {
  const lines = error.issues.map((issue) => {
    const key = issue.path.join(".") || "(top level)";
    if (issue.code === "unrecognized_keys") {
      const where = issue.path.length ? `${issue.path.join(".")}.` : "";
      return `unknown key ${issue.keys.map((k) => `"${where}${k}"`).join(", ")}: remove it or check its spelling`;
    }
    return `"${key}": ${issue.message}`;
  });
  return `Invalid config in ${file}:\n  - ${lines.join("\n  - ")}`;
}


/**
 * Reads `.env` in `cwd` under the real environment (which wins), then config from
 * PAPERS_CONFIG, else config/papers.json, validates it, and applies env overrides
 * (PAPERS_DB, DATABASE_URL, LOG_LEVEL, PAPERS_HTTP_PORT, INSTANCE_ID, DISCORD_SHARDS, DISCORD_SHARD_COUNT). The only reader of process.env, .env and config/.
 * Throws BotError("CONFIG") naming the bad key and the fix.
 */
export function loadConfig(processEnv: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LoadedConfig {
  const { env, dotEnv } = withDotEnv(processEnv, cwd);
  const file = env.PAPERS_CONFIG ? resolve(cwd, env.PAPERS_CONFIG) : resolve(cwd, "config/papers.json");
  let raw: unknown = {};
  let used: string | null = null;
  if (existsSync(file)) {
    used = file;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      throw new BotError("CONFIG", `Config file ${file} is not valid JSON (${(err as Error).message}). Fix the syntax and start again.`);
    }
  } else if (env.PAPERS_CONFIG) {
    throw new BotError("CONFIG", `PAPERS_CONFIG points at ${file}, which does not exist. Fix the path or unset PAPERS_CONFIG.`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new BotError("CONFIG", describeIssues(parsed.error, used ?? "defaults"));
  const config = parsed.data;
  if (env.PAPERS_DB) config.database.path = env.PAPERS_DB;
  if (env.DATABASE_URL && env.DATABASE_URL.trim()) config.database.url = env.DATABASE_URL.trim();
  if (config.database.url !== undefined) checkDatabaseUrl(config.database.url, env.DATABASE_URL?.trim() ? "DATABASE_URL" : "database.url");
  if (env.LOG_LEVEL) {
    const level = configSchema.shape.log.unwrap().shape.level.safeParse(env.LOG_LEVEL);
    if (!level.success) throw new BotError("CONFIG", `LOG_LEVEL="${env.LOG_LEVEL}" is not a level; use one of trace, debug, info, warn, error, silent.`);
    config.log.level = level.data;
  }
  if (env.PAPERS_HTTP_PORT?.trim()) config.http.port = httpPortOf(env.PAPERS_HTTP_PORT);
  config.instance.id = instanceIdOf(env.INSTANCE_ID, config.instance.id);
  applyShardSettings(config.discord, env);
  const secret = (name: string): string | null => (env[name] && env[name]!.trim() ? env[name]!.trim() : null);
  const llmApiKey = llmApiKeyFromEnv(env, config.llm.provider);
  const llmProblem = llmConfigProblem(config.llm, llmApiKey);
  if (llmProblem) throw new BotError("CONFIG", llmProblem);
  return {
    config,
    file: used,
    dotEnv,
    env: {
      discordToken: secret("DISCORD_TOKEN"),
      slackBotToken: secret("SLACK_BOT_TOKEN"),
      slackAppToken: secret("SLACK_APP_TOKEN"),
      slackSigningSecret: secret("SLACK_SIGNING_SECRET"),
      slackClientId: secret("SLACK_CLIENT_ID"),
      slackClientSecret: secret("SLACK_CLIENT_SECRET"),
      slackStateSecret: secret("SLACK_STATE_SECRET"),
      slackInstallationKey: secret("SLACK_INSTALLATION_KEY"),
      llmApiKey,
      embeddingsApiKey: secret("EMBEDDINGS_API_KEY"),
      logLevelSet: Boolean(env.LOG_LEVEL),
      packageVersion: secret("npm_package_version"),
    },
  };
}

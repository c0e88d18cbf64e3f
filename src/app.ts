import { loadBundledSample } from "./cli/ingest-file.js";
import type { AppConfig, AppEnv, LoadedConfig } from "./config.js";
import type { ChatAdapter } from "./core/chat/chat-adapter.js";
import { createSystemClock, type Clock } from "./core/clock.js";
import { createCore, type Core, type CorePorts } from "./core/create-core.js";
import type { Logger } from "./core/logger.js";
import type { Telemetry } from "./core/telemetry.js";
import type { StoreTransfer } from "./core/transfer/store-transfer.js";
import type { DailySource, ListingSource } from "./core/papers/ingest-recent.js";
import { createSqliteStores, type SqliteStores } from "./db/create-sqlite-stores.js";
import { maskUrl } from "./db/pg/mask-url.js";
import { openDatabase, type MigrationBackup, type OpenDatabase } from "./db/open-database.js";
import { buildLlmDeps } from "./llm/build-llm-deps.js";
import { createScheduler, type Scheduler } from "./scheduler/create-scheduler.js";
import { createArxivApiClient } from "./sources/arxiv-api.js";
import { createArxivBackfillSource } from "./sources/arxiv-backfill-source.js";
import { createArxivLimiter } from "./sources/arxiv-limiter.js";
import { createArxivRssSource } from "./sources/arxiv-rss.js";
import { createHfDailyPapersSource } from "./sources/hf-daily-papers.js";
import { createHttpClient } from "./sources/http-client.js";
import { createOpenAiEmbedder } from "./embeddings/openai-embeddings.js";
import { createSemanticSimilarity, type SemanticSimilarity } from "./core/topics/semantic-similarity.js";
import type { EmbeddingCache } from "./core/topics/embeddings.js";
import type { LeaseStore } from "./core/leases/lease-store.js";
import { resolveSlackCredentials } from "./adapters/slack/slack-config.js";
import type { RateWindowStore } from "./core/limits/rate-window-store.js";
import { createSharedRateLimiter } from "./core/limits/shared-rate-limiter.js";
import type { InstallationStore } from "./core/installations/installation-store.js";

/** Everything the bot is made of, built once. */
export interface App {
  /** Validated configuration. */
  config: AppConfig;
  /** The core's ports (stores, upstream lookup, clock, logger): for set-up and inspection by tools and tests; adapters never see them. */
  ports: CorePorts;
  /** The core facade: the one door adapters, the scheduler and the CLI use. */
  core: Core;
  /** Upstream sources, for ingest (`arxivBackfill` serves past days through the export API). */
  sources: { hf: DailySource | null; listings: ListingSource[]; arxivBackfill: DailySource | null };
  /** Export and import of what channels configured (papers export / papers import). */
  transfer: StoreTransfer;
  /** Which store the bot runs on, for the start-up line and status. */
  store: StoreInfo;
  /** Named leases in the store: one instance ingests at a time; Discord shards and IDENTIFY turns. */
  leases: LeaseStore;
  /** Request counts per shared rate-limit window: Discord's global REST limit, one budget for all instances. */
  rateWindows: RateWindowStore;
  /** Slack workspaces installed through OAuth (sealed), on the same store. */
  installations: InstallationStore;
  /** Closes the store (idempotent). */
  close(): void | Promise<void>;
}

/** The store in use: the embedded SQLite file, or a Postgres server. */
export interface StoreInfo {
  /** `sqlite` or `postgres`. */
  kind: "sqlite" | "postgres";
  /** The SQLite path, or the Postgres URL with its password masked. */
  location: string;
  /** The SQLite copy written before this start migrated the store, or null (always null on Postgres). */
  migrationBackup: MigrationBackup | null;
  /** Reads from the store, throwing when it cannot (the health check). */
  ping(): void | Promise<void>;
}

/** An App on SQLite, with the open database for tools and tests that read it directly. */
export interface SqliteApp extends App {
  /** The open SQLite database. */
  database: OpenDatabase;
  /** Closes the database (idempotent). */
  close(): void;
}

/** Options for createApp. */
export interface CreateAppOptions {
  /** Logger to use. */
  logger: Logger;
  /** Clock (tests and `--date` pin it). */
  clock?: Clock;
  /** Upstream retries (the shell's start-up uses fewer so offline start is quick). */
  retries?: number;
  /** Where the core counts commands, posts, votes, ingests and model calls (GET /metrics); default nothing. */
  telemetry?: Telemetry;
  /** How long to retry a Postgres server that does not answer at start, ms (`npm start` passes database.connectRetrySeconds); default 0: one attempt. */
  connectRetryMs?: number;
}

/** The composition root over SQLite (`database.path`): the only place that builds concrete stores, sources and the core. */
export function createApp(loaded: LoadedConfig, options: CreateAppOptions): SqliteApp {
  const database = openDatabase(loaded.config.database.path);
  const clock = options.clock ?? createSystemClock();
  if (database.migrationBackup) options.logger.warn({ backup: database.migrationBackup.path, migrations: database.migrationBackup.applied }, "backed up the store before upgrading its schema");
  const app = assemble(loaded, options, clock, createSqliteStores(database, { clock }), { kind: "sqlite", location: loaded.config.database.path, migrationBackup: database.migrationBackup, ping: () => database.ping() }, () => database.close());
  return { ...app, database, close: () => database.close() };
}

/**
 * Builds the app on the store the config selects: Postgres when `database.url`
 * (DATABASE_URL) is set, migrated at start; SQLite otherwise. Throws BotError("CONFIG")
 * naming the setting when the Postgres server does not answer, and BotError("DB_TOO_NEW")
 * for a store written by a newer version.
 */
export async function openApp(loaded: LoadedConfig, options: CreateAppOptions): Promise<App> {
  const url = loaded.config.database.url;
  if (url === undefined) return createApp(loaded, options);
  const { createPgStores } = await import("./db/pg/create-pg-stores.js");
  const clock = options.clock ?? createSystemClock();
  const log = options.logger.child({ component: "store" });
  const { database, stores } = await createPgStores(url, {
    clock,
    open: {
      retryForMs: options.connectRetryMs ?? 0,
      onRetry: ({ attempt, reason, retryInMs }) => log.warn({ attempt, reason, retryInMs, url: maskUrl(url) }, "the Postgres server did not answer; retrying"),
      onClientError: (reason) => log.warn({ reason }, "a connection to the Postgres server failed; the next query reconnects"),
    },
  });
  return assemble(loaded, options, clock, stores, { kind: "postgres", location: maskUrl(url), migrationBackup: null, ping: async () => void (await database.pool.query("SELECT count(*) FROM papers")) }, () => database.close());
}

function assemble(loaded: LoadedConfig, options: CreateAppOptions, clock: Clock, stores: SqliteStores, store: StoreInfo, close: () => void | Promise<void>): App {
  const { config } = loaded;
  const logger = options.logger;
  const http = createHttpClient({ ...config.sources.http, retries: options.retries ?? config.sources.http.retries, logger: logger.child({ component: "http" }) });
  const limiter = createArxivLimiter(config.sources.arxiv.minIntervalMs);
  const arxiv = createArxivApiClient({ http, baseUrl: config.sources.arxiv.apiBaseUrl, limiter, logger });
  const hf = config.sources.hf.enabled ? createHfDailyPapersSource({ http, baseUrl: config.sources.hf.baseUrl, logger }) : null;
  const listings = config.sources.arxiv.rssEnabled && config.sources.arxiv.categories.length > 0
    ? [createArxivRssSource({ http, baseUrl: config.sources.arxiv.rssBaseUrl, categories: config.sources.arxiv.categories, limiter, logger })]
    : [];
  const ports: CorePorts = {
    papers: stores.papers,
    subscriptions: stores.subscriptions,
    votes: stores.votes,
    ingestRuns: stores.ingestRuns,
    channelSettings: stores.channelSettings,
    ledger: stores.ledger,
    events: stores.processedEvents,
    lookup: arxiv,
    llm: buildLlmDeps({ config: config.llm, apiKey: loaded.env.llmApiKey, userAgent: config.sources.http.userAgent, cache: stores.summaryCache, logger }),
    topics: {
      associations: stores.topicAssociations,
      feedback: stores.topicFeedback,
      semantic: buildSemantic(loaded, stores.embeddingCache, clock, logger),
      learnAfterPapers: config.topics.learnAfterPapers,
    },
    clock,
    logger,
    telemetry: options.telemetry,
    deployment: { instanceId: config.instance.id ?? "this-instance", store: `${store.kind === "postgres" ? "Postgres" : "SQLite"} ${store.location}` },
  };
  return {
    config,
    ports,
    core: createCore(ports, { upvoteEmoji: config.votes.emoji }),
    sources: { hf, listings, arxivBackfill: config.sources.arxiv.categories.length > 0 ? createArxivBackfillSource(arxiv, config.sources.arxiv.categories) : null },
    transfer: stores.transfer,
    store,
    leases: stores.leases,
    rateWindows: stores.rateWindows,
    installations: stores.installations,
    close,
  };
}

/** Embedding similarity over the configured endpoint, or null when the `embeddings` section sets no endpoint (the default). The key is passed to the client only, never logged. */
function buildSemantic(loaded: LoadedConfig, cache: EmbeddingCache, clock: Clock, logger: Logger): SemanticSimilarity | null {
  const { baseUrl, model, timeoutMs, weight } = loaded.config.embeddings;
  if (!baseUrl || !model) return null;
  const embedder = createOpenAiEmbedder({ baseUrl, model, ...(loaded.env.embeddingsApiKey ? { apiKey: loaded.env.embeddingsApiKey } : {}) });
  logger.info({ baseUrl, model }, "embeddings on: topics also match by semantic similarity");
  return createSemanticSimilarity({ embedder, cache, timeoutMs, weight, logger: logger.child({ component: "embeddings" }), now: () => clock.now().getTime() });
}

/** A platform adapter built but not started, and the sentence to print when its start fails. */
export interface PlatformAdapter {
  /** The adapter. */
  adapter: ChatAdapter;
  /** What to tell the operator when start() throws (`reason` is the error's message). */
  startFailure(reason: string): string;
}

/** What an adapter reports beyond the port: 429s into the core's telemetry, and the clock its connection state is timed by. */
function platformHooks(app: App, platform: string): { onRateLimited: () => void; now: () => Date } {
  return { onRateLimited: () => app.ports.telemetry?.rateLimited(platform), now: () => app.ports.clock.now() };
}

/**
 * Builds the platform adapters whose tokens are set, each from its own config section.
 * Platform SDKs are loaded only then: discord.js and Bolt cost most of a shell start-up's
 * time and memory otherwise. Throws BotError("CONFIG") when the Slack tokens do not fit the mode.
 */
export async function buildPlatformAdapters(app: App, env: AppEnv, logger: Logger): Promise<PlatformAdapter[]> {
  const built: PlatformAdapter[] = [];
  if (env.discordToken) {
    const { createDiscordAdapter } = await import("./adapters/discord/discord-adapter.js");
    const { DISCORD_RATE_LIMITS } = await import("./adapters/discord/discord-limits.js");
    const { createHash } = await import("node:crypto");
    // Instances on one bot token share one budget (keyed by a digest of the token, never the token); on by default with Postgres.
    const shared = app.config.discord.sharedRestBudget ?? app.store.kind === "postgres";
    const bucket = `discord:global:${createHash("sha256").update(env.discordToken).digest("hex").slice(0, 16)}`;
    const restBudget = shared ? createSharedRateLimiter({ store: app.rateWindows, bucket, limit: DISCORD_RATE_LIMITS.global, logger: logger.child({ component: "discord-rest-budget" }) }) : null;
    built.push({
      adapter: createDiscordAdapter({
        token: env.discordToken,
        config: app.config.discord,
        logger: logger.child({ adapter: "discord" }),
        leases: app.leases,
        instanceId: app.config.instance.id,
        restBudget,
        ...platformHooks(app, "discord"),
      }),
      startFailure: (reason) => `Discord login failed (${reason}). If DISCORD_TOKEN was rejected, reset it in the Developer Portal (Bot → Reset Token).`,
    });
  }
  const credentials = resolveSlackCredentials(app.config.slack, env);
  if (credentials) {
    const { createSlackAdapter } = await import("./adapters/slack/slack-adapter.js");
    built.push({
      // With the health server on, Slack's HTTP-mode requests arrive through it (slack.port is not used).
      adapter: createSlackAdapter({
        config: app.config.slack,
        credentials,
        logger: logger.child({ adapter: "slack" }),
        sharedServer: app.config.http.port !== null,
        installations: app.installations,
        ...platformHooks(app, "slack"),
      }),
      startFailure: (reason) =>
        credentials.oauth
          ? `Slack start failed (${reason}). Check SLACK_SIGNING_SECRET, SLACK_CLIENT_ID and SLACK_CLIENT_SECRET against Basic Information → App Credentials.`
          : `Slack start failed (${reason}). If a token was rejected (invalid_auth), reinstall the app to the workspace and copy SLACK_BOT_TOKEN / SLACK_APP_TOKEN again.`,
    });
  }
  return built;
}

/** The daily-delivery and ingest scheduler over the core, posting through `adapters`, timed by the `scheduler` config section. */
export function buildScheduler(app: App, adapters: readonly ChatAdapter[]): Scheduler {
  const s = app.config.scheduler;
  return createScheduler({
    core: app.core,
    clock: app.ports.clock,
    logger: app.ports.logger,
    adapters: new Map(adapters.map((a) => [a.platform, a])),
    sources: { hf: app.sources.hf, listings: app.sources.listings, refetchDays: app.config.sources.hf.refetchDays },
    concurrency: s.concurrency,
    lateAfterMs: s.lateAfterMinutes * 60_000,
    waitMs: s.waitForListMinutes * 60_000,
    maxCatchUpDays: s.maxCatchUpDays,
    cadence: s.ingest,
    startupIngestWaitMs: s.startupIngestWaitMinutes * 60_000,
    stopTimeoutMs: s.stopTimeoutSeconds * 1000,
    owner: app.config.instance.id,
    leaseMs: s.leaseSeconds * 1000,
    ingestLease: { leases: app.leases, ingestRuns: app.ports.ingestRuns, ttlMs: s.ingestLeaseSeconds * 1000 },
  });
}

/** Loads the bundled sample responses into the store (the shell's offline start); returns how many papers are stored. */
export function loadSample(app: App): Promise<number> {
  return loadBundledSample(app.core.ingests);
}

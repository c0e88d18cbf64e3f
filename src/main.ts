import type { ShellAdapter } from "./adapters/shell/shell-adapter.js";
import { resolveSlackCredentials } from "./adapters/slack/slack-config.js";
import { createShellAdapter, shellCommandEvent } from "./adapters/shell/shell-adapter.js";
import { loadConfig, type AppConfig, type LoadedConfig } from "./config.js";
import { createLogger } from "./create-logger.js";
import { describeOffline } from "./describe-offline.js";
import type { ChatAdapter } from "./core/chat/chat-adapter.js";
import { plural } from "./core/chat/plural.js";
import { createSystemClock, utcDay, type Clock } from "./core/clock.js";
import { createCommandRegistry, type CommandRegistry } from "./core/commands/index.js";
import type { CoreDeps } from "./core/core-deps.js";
import { isBotError } from "./core/errors.js";
import { createInboundHandler } from "./core/handle-inbound.js";
import type { Logger } from "./core/logger.js";
import type { Telemetry } from "./core/telemetry.js";
import type { StoreTransfer } from "./core/transfer/store-transfer.js";
import type { PromTelemetry } from "./http/prom-telemetry.js";
import type { RunningHttpServer } from "./http/http-server.js";
import type { SlackAdapter } from "./adapters/slack/slack-adapter.js";
import type { DailySource, ListingSource } from "./core/papers/ingest-recent.js";
import { createSqliteStores } from "./db/create-sqlite-stores.js";
import { openDatabase, type OpenDatabase } from "./db/open-database.js";
import { loadBundledSample } from "./cli/ingest-file.js";
import { createArxivApiClient } from "./sources/arxiv-api.js";
import { createArxivBackfillSource } from "./sources/arxiv-backfill-source.js";
import { createArxivLimiter } from "./sources/arxiv-limiter.js";
import { createArxivRssSource } from "./sources/arxiv-rss.js";
import { createHfDailyPapersSource } from "./sources/hf-daily-papers.js";
import { createScheduler, type Scheduler } from "./scheduler/create-scheduler.js";
import { createHttpClient } from "./sources/http-client.js";
import { isEntryPoint } from "./is-entry-point.js";
import { buildLlmDeps } from "./llm/build-llm-deps.js";

/** Everything the bot is made of, built once. */
export interface App {
  /** Validated configuration. */
  config: AppConfig;
  /** Core dependencies. */
  deps: CoreDeps;
  /** The command set. */
  registry: CommandRegistry;
  /** The core's entry point for adapters. */
  handleInbound: ReturnType<typeof createInboundHandler>;
  /** Upstream sources, for ingest (`arxivBackfill` serves past days through the export API). */
  sources: { hf: DailySource | null; listings: ListingSource[]; arxivBackfill: DailySource | null };
  /** The open database. */
  database: OpenDatabase;
  /** Export and import (papers export / papers import). */
  transfer: StoreTransfer;
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
}

/** The composition root: the only place that builds concrete stores, sources and handlers. */
export function createApp(loaded: LoadedConfig, options: CreateAppOptions): App {
  const { config } = loaded;
  const logger = options.logger;
  const database = openDatabase(config.database.path);
  const clock = options.clock ?? createSystemClock();
  const stores = createSqliteStores(database, { clock });
  if (database.migrationBackup) logger.warn({ backup: database.migrationBackup.path, migrations: database.migrationBackup.applied }, "backed up the store before upgrading its schema");
  const http = createHttpClient({ ...config.sources.http, retries: options.retries ?? config.sources.http.retries, logger: logger.child({ component: "http" }) });
  const limiter = createArxivLimiter(config.sources.arxiv.minIntervalMs);
  const arxiv = createArxivApiClient({ http, baseUrl: config.sources.arxiv.apiBaseUrl, limiter, logger });
  const hf = config.sources.hf.enabled ? createHfDailyPapersSource({ http, baseUrl: config.sources.hf.baseUrl, logger }) : null;
  const listings = config.sources.arxiv.rssEnabled && config.sources.arxiv.categories.length > 0
    ? [createArxivRssSource({ http, baseUrl: config.sources.arxiv.rssBaseUrl, categories: config.sources.arxiv.categories, limiter, logger })]
    : [];
  const deps: CoreDeps = {
    papers: stores.papers,
    subscriptions: stores.subscriptions,
    votes: stores.votes,
    ingestRuns: stores.ingestRuns,
    channelSettings: stores.channelSettings,
    ledger: stores.ledger,
    events: stores.processedEvents,
    upvoteEmoji: config.votes.emoji,
    lookup: arxiv,
    clock,
    logger,
    llm: buildLlmDeps({ config: config.llm, apiKey: loaded.env.llmApiKey, userAgent: config.sources.http.userAgent, cache: stores.summaryCache, logger }),
    telemetry: options.telemetry,
  };
  const registry = createCommandRegistry();
  return {
    config,
    deps,
    registry,
    handleInbound: createInboundHandler(registry, deps),
    sources: { hf, listings, arxivBackfill: config.sources.arxiv.categories.length > 0 ? createArxivBackfillSource(arxiv, config.sources.arxiv.categories) : null },
    database,
    transfer: stores.transfer,
    close: () => database.close(),
  };
}

/** Loads config or prints why it cannot, then exits with status 78 (EX_CONFIG). */
export function loadConfigOrExit(): LoadedConfig {
  try {
    return loadConfig();
  } catch (err) {
    process.stderr.write(`papers-bot: ${isBotError(err) ? err.message : String(err)}\n`);
    process.exit(78);
  }
}

/** Ingests today's papers; offline with an empty store, loads the bundled sample and says so. */
async function prepareShell(app: App, shell: ShellAdapter, scheduler: Scheduler): Promise<void> {
  const today = utcDay(app.deps.clock.now());
  const version = process.env.npm_package_version ? ` ${process.env.npm_package_version}` : "";
  shell.say(`papers-bot${version} · store: ${app.config.database.path}`);
  if (app.database.migrationBackup) shell.say(`Upgraded the store's schema; the copy from before is at ${app.database.migrationBackup.path}.`);
  shell.say("Fetching today's papers…");
  const runs = (await scheduler.ingest()) ?? [];
  const ok = runs.filter((r) => r.status !== "failed");
  const stored = ok.reduce((n, r) => n + r.papersNew + r.papersUpdated, 0);
  if (ok.length > 0) {
    shell.say(`Fetched ${plural(stored, "paper")} from ${ok.length} of ${plural(runs.length, "source")}.`);
    return;
  }
  // Each failed run's technical reason is already in the log ("ingest failed"); the
  // sentence says it plainly.
  const sources = app.config.sources;
  const hostOf = (source: string): string | null => {
    const base = { hf: sources.hf.baseUrl, "arxiv-rss": sources.arxiv.rssBaseUrl, "arxiv-api": sources.arxiv.apiBaseUrl }[source];
    return base ? new URL(base).host : null;
  };
  if (app.deps.papers.latestDailyDay(today)) {
    shell.say(describeOffline(runs, hostOf, { kind: "stored" }));
    return;
  }
  const loaded = await loadBundledSample(app.deps);
  shell.say(describeOffline(runs, hostOf, { kind: "sample", papers: loaded }));
}

/** Starts the platform adapters whose tokens are set; exits with a clear message when one is rejected. */
async function startPlatformAdapters(app: App, loaded: LoadedConfig, logger: Logger): Promise<ChatAdapter[]> {
  const started: ChatAdapter[] = [];
  // Platform SDKs are loaded only when their token is set: discord.js and Bolt cost most of
  // a shell start-up's time and memory otherwise.
  if (loaded.env.discordToken) {
    const { createDiscordAdapter } = await import("./adapters/discord/discord-adapter.js");
    const discord = createDiscordAdapter({
      token: loaded.env.discordToken,
      apiBase: app.config.discord.apiBase,
      applicationId: app.config.discord.applicationId,
      guildId: app.config.discord.guildId,
      reconcileDays: app.config.discord.reconcileDays,
      registerOnStart: app.config.discord.registerOnStart,
      telemetry: app.deps.telemetry,
      upvoteEmoji: app.config.votes.emoji,
      deps: app.deps,
      commands: () => app.registry.infos(),
      logger: logger.child({ adapter: "discord" }),
    });
    try {
      await discord.start(app.handleInbound);
    } catch (err) {
      process.stderr.write(`papers-bot: Discord login failed (${(err as Error).message}). If DISCORD_TOKEN was rejected, reset it in the Developer Portal (Bot → Reset Token).\n`);
      process.exit(78);
    }
    started.push(discord);
  }
  let slackCredentials: ReturnType<typeof resolveSlackCredentials>;
  try {
    slackCredentials = resolveSlackCredentials(app.config.slack, loaded.env);
  } catch (err) {
    process.stderr.write(`papers-bot: ${(err as Error).message}\n`);
    process.exit(78);
  }
  if (slackCredentials) {
    const { createSlackAdapter } = await import("./adapters/slack/slack-adapter.js");
    const s = app.config.slack;
    const slack = createSlackAdapter({
      ...slackCredentials,
      mode: s.mode,
      port: s.port,
      host: s.host,
      path: s.path,
      apiUrl: s.apiUrl,
      command: s.command,
      retries: s.retries,
      sharedServer: app.config.http.port !== null,
      telemetry: app.deps.telemetry,
      clock: app.deps.clock,
      commands: app.registry.infos(),
      reconcile: { deps: app.deps, upvoteEmoji: app.config.votes.emoji, clock: app.deps.clock, days: s.reconcileDays },
      logger: logger.child({ adapter: "slack" }),
    });
    try {
      await slack.start(app.handleInbound);
    } catch (err) {
      process.stderr.write(`papers-bot: Slack start failed (${(err as Error).message}). If a token was rejected (invalid_auth), reinstall the app to the workspace and copy SLACK_BOT_TOKEN / SLACK_APP_TOKEN again.\n`);
      process.exit(78);
    }
    started.push(slack);
  }
  return started;
}

/** The Prometheus telemetry when the health and metrics server is on (prom-client is loaded only then), else null. */
async function createTelemetry(loaded: LoadedConfig, app: () => App | null): Promise<PromTelemetry | null> {
  if (loaded.config.http.port === null) return null;
  const { createPromTelemetry } = await import("./http/prom-telemetry.js");
  const llm = loaded.config.llm;
  return createPromTelemetry({
    llmBudgetLeft:
      llm.provider === "none"
        ? undefined
        : () => {
            const current = app();
            return current?.deps.llm ? Math.max(0, llm.dailyRequestBudget - current.deps.llm.cache.requestsUsed(utcDay(current.deps.clock.now()))) : null;
          },
  });
}

/** Starts GET /healthz and GET /metrics (and Slack's HTTP-mode events); exits with 78 when the port cannot be used. */
async function startHealthServer(app: App, adapters: ChatAdapter[], scheduler: Scheduler, telemetry: PromTelemetry | null, logger: Logger): Promise<RunningHttpServer> {
  const { startOperatorServer } = await import("./http/start-operator-server.js");
  const slack = adapters.find((a) => a.platform === "slack") as SlackAdapter | undefined;
  try {
    return await startOperatorServer({
      http: { port: app.config.http.port ?? 0, host: app.config.http.host },
      pingStore: () => app.database.ping(),
      ingestRuns: app.deps.ingestRuns,
      sources: [app.sources.hf?.name, ...app.sources.listings.map((l) => l.name)].filter((n): n is string => Boolean(n)),
      adapters,
      lastDeliveryPass: () => scheduler.lastDeliveryPass(),
      telemetry,
      fallback: slack?.requestListener() ?? null,
      clock: app.deps.clock,
      logger,
    });
  } catch (err) {
    process.stderr.write(`papers-bot: ${isBotError(err) ? err.message : String(err)}\n`);
    process.exit(78);
  }
}

/** `npm start`: the platform adapters configured by env tokens, plus the shell when there are none or on a terminal. */
export async function startBot(): Promise<void> {
  const loaded = loadConfigOrExit();
  const interactive = Boolean(process.stdin.isTTY);
  const platforms = Boolean(loaded.env.discordToken || loaded.env.slackBotToken);
  // The shell prints its own one-line status (including why a fetch failed), so its log
  // starts at error; LOG_LEVEL brings the full log back.
  const level = loaded.env.logLevelSet || platforms ? loaded.config.log.level : "error";
  const logger = createLogger({ level, pretty: Boolean(process.stderr.isTTY) });
  // Names only: values in .env may be secrets.
  if (loaded.dotEnv) logger.info({ file: loaded.dotEnv.path, variables: loaded.dotEnv.applied }, "read .env (the environment wins over it)");
  let app: App | null = null;
  const telemetry = await createTelemetry(loaded, () => app);
  try {
    app = createApp(loaded, { logger, retries: platforms ? undefined : 1, telemetry: telemetry ?? undefined });
  } catch (err) {
    process.stderr.write(`papers-bot: ${isBotError(err) ? err.message : String(err)}\n`);
    process.exit(isBotError(err) && err.code === "DB_TOO_NEW" ? 65 : 1);
  }
  const adapters: ChatAdapter[] = await startPlatformAdapters(app, loaded, logger);
  const withShell = !platforms || interactive;
  const shellConversation = loaded.config.shell.conversation;
  const shell = createShellAdapter({ input: process.stdin, output: process.stdout, interactive, conversation: shellConversation, user: loaded.config.shell.user, commands: app.registry.all.map((c) => c.name) });
  if (withShell) adapters.push(shell);
  const s = app.config.scheduler;
  const scheduler = createScheduler({
    deps: app.deps,
    adapters: new Map(adapters.map((a) => [a.platform, a])),
    sources: { hf: app.sources.hf, listings: app.sources.listings, refetchDays: app.config.sources.hf.refetchDays },
    concurrency: s.concurrency,
    lateAfterMs: s.lateAfterMinutes * 60_000,
    waitMs: s.waitForListMinutes * 60_000,
    maxCatchUpDays: s.maxCatchUpDays,
    cadence: s.ingest,
    startupIngestWaitMs: s.startupIngestWaitMinutes * 60_000,
    stopTimeoutMs: s.stopTimeoutSeconds * 1000,
  });
  let server: RunningHttpServer | null = null;
  if (loaded.config.http.port !== null) server = await startHealthServer(app, adapters, scheduler, telemetry, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await scheduler.stop();
    await server?.close();
    for (const adapter of adapters) await adapter.stop().catch((err: unknown) => logger.warn({ err, platform: adapter.platform }, "adapter stop failed"));
    app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (!withShell) {
    if (s.enabled) scheduler.start();
    logger.info({ platforms: adapters.map((a) => a.platform) }, "papers-bot is running");
    return;
  }
  await prepareShell(app, shell, scheduler);
  const listing = await app.handleInbound(shellCommandEvent(loaded.config.shell, "today", ""));
  if (listing) await shell.send(shellConversation, listing);
  // Piped input is a script: it runs and exits, without daily posts firing in between.
  if (s.enabled && interactive) scheduler.start({ ingestNow: false });
  if (interactive) shell.say("Type a command (try: help, today, search <words>, summary <id>, subscribe <topic>). exit quits.");
  await shell.start(app.handleInbound);
  await shell.finished;
  if (platforms) return;
  await shutdown("end of input");
}


if (isEntryPoint(import.meta.url)) {
  startBot().catch((err: unknown) => {
    process.stderr.write(`papers-bot: fatal: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

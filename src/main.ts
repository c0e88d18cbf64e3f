import type { ShellAdapter } from "./adapters/shell/shell-adapter.js";
import { createShellAdapter, shellCommandEvent } from "./adapters/shell/shell-adapter.js";
import { buildPlatformAdapters, buildScheduler, loadSample, openApp, type App } from "./app.js";
import type { LoadedConfig } from "./config.js";
import { createLogger } from "./create-logger.js";
import { describeOffline } from "./describe-offline.js";
import type { ChatAdapter } from "./core/chat/chat-adapter.js";
import { utcDay } from "./core/clock.js";
import { plural } from "./core/chat/plural.js";
import { isBotError } from "./core/errors.js";
import type { Logger } from "./core/logger.js";
import type { SlackAdapter } from "./adapters/slack/slack-adapter.js";
import type { RunningHttpServer } from "./http/http-server.js";
import type { PromTelemetry } from "./http/prom-telemetry.js";
import { isEntryPoint } from "./is-entry-point.js";
import { EXIT_CONFIG, loadConfigOrExit } from "./load-config-or-exit.js";
import type { Scheduler } from "./scheduler/create-scheduler.js";

/** Exit status when the store was written by a newer version (EX_DATAERR). */
const EXIT_DB_TOO_NEW = 65;

/** Prints a one-line reason and ends the process with `code`. */
function exitWith(code: number, message: string): never {
  process.stderr.write(`papers-bot: ${message}\n`);
  process.exit(code);
}

/** Ingests today's papers; offline with an empty store, loads the bundled sample and says so. */
async function prepareShell(app: App, loaded: LoadedConfig, shell: ShellAdapter, scheduler: Scheduler): Promise<void> {
  const today = utcDay(app.ports.clock.now());
  const version = loaded.env.packageVersion ? ` ${loaded.env.packageVersion}` : "";
  shell.say(`papers-bot${version} · store: ${app.store.location}`);
  if (app.store.migrationBackup) shell.say(`Upgraded the store's schema; the copy from before is at ${app.store.migrationBackup.path}.`);
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
  if (await app.core.ingests.latestDay(today)) {
    shell.say(describeOffline(runs, hostOf, { kind: "stored" }));
    return;
  }
  const count = await loadSample(app);
  shell.say(describeOffline(runs, hostOf, { kind: "sample", papers: count }));
}

/** Builds and starts the platform adapters whose tokens are set; exits with a clear message when one is rejected. */
async function startPlatformAdapters(app: App, loaded: LoadedConfig, logger: Logger): Promise<ChatAdapter[]> {
  let built;
  try {
    built = await buildPlatformAdapters(app, loaded.env, logger);
  } catch (err) {
    exitWith(EXIT_CONFIG, (err as Error).message);
  }
  const started: ChatAdapter[] = [];
  for (const { adapter, startFailure } of built) {
    try {
      await adapter.start(app.core);
    } catch (err) {
      exitWith(EXIT_CONFIG, startFailure((err as Error).message));
    }
    started.push(adapter);
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
        : async () => {
            const current = app();
            return current ? Math.max(0, llm.dailyRequestBudget - (await current.ports.llm.cache.requestsUsed(utcDay(current.ports.clock.now())))) : null;
          },
  });
}

/** Starts GET /healthz and GET /metrics (and Slack's HTTP-mode requests); exits with 78 when the port cannot be used. */
async function startHealthServer(app: App, adapters: ChatAdapter[], scheduler: Scheduler, telemetry: PromTelemetry | null, logger: Logger): Promise<RunningHttpServer> {
  const { startOperatorServer } = await import("./http/start-operator-server.js");
  const slack = adapters.find((a) => a.platform === "slack") as SlackAdapter | undefined;
  try {
    return await startOperatorServer({
      http: { port: app.config.http.port ?? 0, host: app.config.http.host },
      pingStore: () => app.store.ping(),
      ingestRuns: app.ports.ingestRuns,
      sources: [app.sources.hf?.name, ...app.sources.listings.map((l) => l.name)].filter((n): n is string => Boolean(n)),
      adapters,
      lastDeliveryPass: () => scheduler.lastDeliveryPass(),
      telemetry,
      fallback: slack?.requestListener() ?? null,
      clock: app.ports.clock,
      instance: { id: app.config.instance.id ?? "", holdsIngestLease: () => scheduler.holdsIngestLease() },
      logger,
    });
  } catch (err) {
    exitWith(EXIT_CONFIG, isBotError(err) ? err.message : String(err));
  }
}

/** `npm start`: the platform adapters configured by env tokens, plus the shell when there are none or on a terminal. */
export async function startBot(): Promise<void> {
  const loaded = loadConfigOrExit();
  const interactive = Boolean(process.stdin.isTTY);
  const platforms = Boolean(loaded.env.discordToken || loaded.env.slackBotToken || loaded.env.slackClientId);
  // The shell prints its own one-line status (including why a fetch failed), so its log
  // starts at error; LOG_LEVEL brings the full log back.
  const level = loaded.env.logLevelSet || platforms ? loaded.config.log.level : "error";
  const logger = createLogger({ level, pretty: Boolean(process.stderr.isTTY) });
  // Names only: values in .env may be secrets.
  if (loaded.dotEnv) logger.info({ file: loaded.dotEnv.path, variables: loaded.dotEnv.applied }, "read .env (the environment wins over it)");
  let app: App | null = null;
  const telemetry = await createTelemetry(loaded, () => app);
  try {
    app = await openApp(loaded, { logger, retries: platforms ? undefined : 1, telemetry: telemetry ?? undefined, connectRetryMs: loaded.config.database.connectRetrySeconds * 1000 });
  } catch (err) {
    const code = isBotError(err) ? (err.code === "DB_TOO_NEW" ? EXIT_DB_TOO_NEW : err.code === "CONFIG" ? EXIT_CONFIG : 1) : 1;
    exitWith(code, isBotError(err) ? err.message : String(err));
  }
  const adapters: ChatAdapter[] = await startPlatformAdapters(app, loaded, logger);
  const withShell = !platforms || interactive;
  const shellConversation = loaded.config.shell.conversation;
  const shell = createShellAdapter({ input: process.stdin, output: process.stdout, interactive, conversation: shellConversation, user: loaded.config.shell.user, commands: app.core.commands.map((c) => c.name) });
  if (withShell) adapters.push(shell);
  const scheduler = buildScheduler(app, adapters);
  const s = app.config.scheduler;
  const server = loaded.config.http.port !== null ? await startHealthServer(app, adapters, scheduler, telemetry, logger) : null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await scheduler.stop();
    await server?.close();
    for (const adapter of adapters) await adapter.stop().catch((err: unknown) => logger.warn({ err, platform: adapter.platform }, "adapter stop failed"));
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (!withShell) {
    if (s.enabled) scheduler.start();
    logger.info({ platforms: adapters.map((a) => a.platform) }, "papers-bot is running");
    return;
  }
  await prepareShell(app, loaded, shell, scheduler);
  const listing = await app.core.handle(shellCommandEvent(loaded.config.shell, "today", ""));
  if (listing) await shell.send(shellConversation, listing);
  // Piped input is a script: it runs and exits, without daily posts firing in between.
  if (s.enabled && interactive) scheduler.start({ ingestNow: false });
  if (interactive) shell.say("Type a command (try: help, today, search <words>, summary <id>, subscribe <topic>). exit quits.");
  await shell.start(app.core);
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

import type { RequestListener } from "node:http";
import type { ChatAdapter } from "../core/chat/chat-adapter.js";
import type { Clock } from "../core/clock.js";
import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { IngestRunStore } from "../core/papers/ingest-run-store.js";
import type { DeliveryPass } from "../scheduler/create-scheduler.js";
import type { HealthSources } from "./check-health.js";
import { startHttpServer, type RunningHttpServer } from "./http-server.js";
import type { PromTelemetry } from "./prom-telemetry.js";

/** What the process hands the operator server: small, so the composition root can change around it. */
export interface OperatorServerOptions {
  /** `http` config: port and host. */
  http: { port: number; host: string };
  /** Throws when the store cannot be read. */
  pingStore: HealthSources["pingStore"];
  /** The ingest ledger (last successful ingest per source). */
  ingestRuns: IngestRunStore;
  /** Source names to report (`hf`, `arxiv-rss`). */
  sources: string[];
  /** Started adapters; those with a connection() are the configured platforms /healthz reports. */
  adapters: ChatAdapter[];
  /** The scheduler's last delivery pass. */
  lastDeliveryPass: () => DeliveryPass | null;
  /** Counts served at GET /metrics. */
  telemetry: PromTelemetry | null;
  /** Requests for other paths (Slack's HTTP-mode events), or null. */
  fallback: RequestListener | null;
  /** Source of "now". */
  clock: Clock;
  /** This instance's id and whether it holds the ingest lease, for /healthz. */
  instance?: HealthSources["instance"];
  /** Logger. */
  logger: Logger;
}

/** Sends every request the fallback cannot route (Bolt throws for paths it does not serve) a 404. */
function orNotFound(listener: RequestListener, logger: Logger): RequestListener {
  return (req, res) => {
    try {
      const result = listener(req, res) as unknown;
      if (result instanceof Promise) result.catch(() => notFound(res));
    } catch (err) {
      logger.debug({ url: req.url, reason: (err as Error).message }, "no route");
      notFound(res);
    }
  };
}

function notFound(res: Parameters<RequestListener>[1]): void {
  if (res.headersSent) return void res.end();
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  res.end("Not found. This server answers GET /healthz, GET /metrics and Slack's request URL.\n");
}

/** Starts GET /healthz and GET /metrics on `http.port`; a port in use is a BotError that says what to do. */
export async function startOperatorServer(options: OperatorServerOptions): Promise<RunningHttpServer> {
  const health: HealthSources = {
    pingStore: options.pingStore,
    platforms: () => Object.fromEntries(options.adapters.flatMap((a) => (a.connection ? [[a.platform, a.connection()]] : []))),
    sources: options.sources,
    ingestRuns: options.ingestRuns,
    lastDeliveryPass: options.lastDeliveryPass,
    clock: options.clock,
    ...(options.instance ? { instance: options.instance } : {}),
  };
  try {
    return await startHttpServer({
      port: options.http.port,
      host: options.http.host,
      health,
      metrics: options.telemetry,
      fallback: options.fallback ? orNotFound(options.fallback, options.logger) : undefined,
      logger: options.logger,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new BotError("CONFIG", `Port ${options.http.port} on ${options.http.host} is already in use, so the health server cannot start. Stop what uses it, or set PAPERS_HTTP_PORT (http.port) to a free port.`);
    if (code === "EACCES") throw new BotError("CONFIG", `Port ${options.http.port} needs privileges this process does not have. Use a port above 1023 in PAPERS_HTTP_PORT (http.port).`);
    throw err;
  }
}

import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../core/logger.js";
import { checkHealth, type HealthSources } from "./check-health.js";

/** What the operator HTTP server serves. */
export interface HttpServerOptions {
  /** Port (0 picks a free one). */
  port: number;
  /** Interface to bind. */
  host: string;
  /** What GET /healthz checks. */
  health: HealthSources;
  /** GET /metrics: the exposition text and its content type; null answers 404. */
  metrics: { metrics(): Promise<string>; readonly contentType: string } | null;
  /** Requests for any other path (Slack's HTTP-mode events share the server); absent answers 404. */
  fallback?: RequestListener;
  /** Logger. */
  logger: Logger;
}

/** A started server. */
export interface RunningHttpServer {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}

/** Starts the health and metrics server: GET /healthz (JSON, 200 or 503) and GET /metrics (Prometheus text). */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const log = options.logger.child({ component: "http" });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" || path === "/metrics") {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        return send(res, 405, "text/plain; charset=utf-8", `${path} answers GET only.\n`);
      }
      if (path === "/healthz") {
        const { httpStatus, report } = await checkHealth(options.health);
        return send(res, httpStatus, "application/json; charset=utf-8", `${JSON.stringify(report)}\n`);
      }
      if (options.metrics) return send(res, 200, options.metrics.contentType, await options.metrics.metrics());
    }
    if (options.fallback) return options.fallback(req, res);
    send(res, 404, "text/plain; charset=utf-8", "Not found. This server answers GET /healthz and GET /metrics.\n");
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, "http request failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Internal error; see the bot's log.\n");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${address.port}`;
  log.info({ url, paths: ["/healthz", "/metrics"] }, "health and metrics server listening");
  return {
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

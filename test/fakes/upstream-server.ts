import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The three upstream routes the fake serves. */
export type UpstreamRoute = "daily" | "rss" | "api";

/** A misbehaviour to play instead of (or before) the normal answer. */
export type UpstreamFault =
  | { kind: "status"; status: number; retryAfter?: string; headers?: Record<string, string>; body?: string }
  | { kind: "html" }
  | { kind: "truncate" }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

/** One request the fake received. */
export interface RecordedRequest {
  /** Which route it hit (null for an unknown path). */
  route: UpstreamRoute | null;
  /** Path plus query, as sent. */
  url: string;
  /** Request headers (lower-cased names). */
  headers: IncomingHttpHeaders;
  /** Arrival time, performance.now() ms. */
  at: number;
}

/** A local HF + arXiv stand-in on 127.0.0.1; tests start and close it themselves. */
export interface UpstreamServer {
  /** Base URL, e.g. http://127.0.0.1:43121 (use for hf.baseUrl, rssBaseUrl and apiBaseUrl). */
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Sets the Daily Papers items for `day`; served in pages by `limit` and `p`. */
  setDay(day: string, items: unknown[]): void;
  /** Sets the RSS body for a `+`-joined category path such as `cs.CL+cs.LG`. */
  setRss(categories: string, body: string): void;
  /** Sets the export-API answer: a fixed body, or one computed from the query. */
  setApi(body: string | ((query: URLSearchParams) => string)): void;
  /** Queues faults for a route; each request consumes one, in order, before normal answers resume. */
  queueFaults(route: UpstreamRoute, ...faults: UpstreamFault[]): void;
  /** Closes the server and any open connections. */
  close(): Promise<void>;
}

const HTML_ERROR = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>We'll be right back</h1></body></html>\n";

/** Starts the fake on an ephemeral loopback port. */
export async function startUpstreamServer(): Promise<UpstreamServer> {
  const days = new Map<string, unknown[]>();
  const rss = new Map<string, string>();
  let api: string | ((query: URLSearchParams) => string) = "";
  const faults: Record<UpstreamRoute, UpstreamFault[]> = { daily: [], rss: [], api: [] };
  const requests: RecordedRequest[] = [];

  function normal(route: UpstreamRoute, url: URL): { status: number; type: string; body: string } {
    if (route === "daily") {
      const date = url.searchParams.get("date") ?? [...days.keys()].sort().at(-1) ?? "";
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const page = Number(url.searchParams.get("p") ?? 0);
      const items = days.get(date) ?? [];
      return { status: 200, type: "application/json", body: JSON.stringify(items.slice(page * limit, (page + 1) * limit)) };
    }
    if (route === "rss") {
      const body = rss.get(decodeURIComponent(url.pathname.slice("/rss/".length)));
      return body === undefined ? { status: 404, type: "text/plain", body: "no such feed" } : { status: 200, type: "application/rss+xml", body };
    }
    return { status: 200, type: "application/atom+xml", body: typeof api === "function" ? api(url.searchParams) : api };
  }

  function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const route: UpstreamRoute | null =
      url.pathname === "/api/daily_papers" ? "daily" : url.pathname.startsWith("/rss/") ? "rss" : url.pathname === "/api/query" ? "api" : null;
    requests.push({ route, url: req.url ?? "/", headers: req.headers, at: performance.now() });
    if (!route) return send(res, 404, "text/plain", "not found");
    const answer = normal(route, url);
    const fault = faults[route].shift();
    if (!fault) return send(res, answer.status, answer.type, answer.body);
    switch (fault.kind) {
      case "status": {
        const headers = { ...(fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}), ...fault.headers };
        return send(res, fault.status, "application/json", fault.body ?? JSON.stringify({ error: `fake ${fault.status}` }), headers);
      }
      case "html":
        return send(res, 200, "text/html", HTML_ERROR);
      case "truncate":
        return send(res, 200, answer.type, answer.body.slice(0, Math.floor(answer.body.length / 2)));
      case "drop": {
        res.writeHead(200, { "content-type": answer.type, "content-length": Buffer.byteLength(answer.body) });
        res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
        setTimeout(() => res.destroy(), 5);
        return;
      }
      case "delay": {
        const timer = setTimeout(() => send(res, answer.status, answer.type, answer.body), fault.ms);
        res.on("close", () => clearTimeout(timer));
        return;
      }
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setDay: (day, items) => void days.set(day, items),
    setRss: (categories, body) => void rss.set(categories, body),
    setApi: (body) => {
      api = body;
    },
    queueFaults: (route, ...more) => void faults[route].push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

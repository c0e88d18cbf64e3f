import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";

/** A body fetched from an upstream. */
export interface HttpTextResponse {
  /** HTTP status (2xx, or one of the `passStatuses` the caller asked for). */
  status: number;
  /** The body decoded as UTF-8. */
  text: string;
  /** The Content-Type header, or "" when absent. */
  contentType: string;
}

/** Something that runs one request at a time with spacing (the shared arXiv limiter). */
export interface RequestGate {
  /** Runs `task` when the gate allows it; resolves with the task's result. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Per-call options for `getText`. */
export interface GetTextOptions {
  /** Every attempt (retries included) goes through this gate, so retries obey arXiv's spacing too. */
  gate?: RequestGate;
  /** Non-2xx statuses returned to the caller instead of thrown (e.g. [404] for lookups). */
  passStatuses?: number[];
}

/** A small GET-only HTTP client with timeouts and retries. */
export interface HttpClient {
  /** GETs `url` and returns its text. Throws BotError("UPSTREAM") on a non-retryable 4xx or when retries run out. */
  getText(url: string, options?: GetTextOptions): Promise<HttpTextResponse>;
}

/** Settings for `createHttpClient`. */
export interface HttpClientOptions {
  /** Per-attempt timeout in ms (covers headers and body). */
  timeoutMs: number;
  /** Retries after the first attempt on network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** User-Agent header sent on every request. */
  userAgent: string;
  /** Where retries and failures are logged (URLs only, never headers). */
  logger: Logger;
  /** Waits `ms`; injectable so tests need not wait for real. Default: setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** First backoff step in ms (doubles each retry, plus up to 50 % jitter). Default 500. */
  backoffMs?: number;
  /** Longest wait the client will accept from Retry-After/RateLimit before giving up, ms. Default 60 000. */
  maxWaitMs?: number;
  /** Random source in [0, 1) for jitter; injectable for deterministic tests. Default Math.random. */
  random?: () => number;
}

/** What one attempt produced, before deciding whether to retry. */
type Attempt =
  | { kind: "response"; status: number; text: string; contentType: string; waitMs: number | null }
  | { kind: "network"; reason: string };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Parses `Retry-After` (delta seconds or an HTTP date) into ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Reads the reset time `t` (seconds) of HF's `RateLimit: "api";r=0;t=N` header, in ms; null when absent. */
export function parseRateLimitReset(value: string | null): number | null {
  const match = value ? /(?:^|;)\s*t=(\d+)/.exec(value) : null;
  return match?.[1] ? Number(match[1]) * 1000 : null;
}

/** The URL without its query string's values, for logs (a query could one day carry a key). */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of parsed.searchParams.keys()) {
      if (/token|key|secret|auth/i.test(key)) parsed.searchParams.set(key, "REDACTED");
    }
    return parsed.toString();
  } catch {
    return "(invalid url)";
  }
}

/** The upstream's host name for user-facing messages. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the upstream";
  }
}

/** Why fetch failed, one line (timeouts named as such). */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return [e?.message ?? String(err), cause].filter(Boolean).join(": ");
}

/** Creates the HTTP client every source uses. No state beyond its options. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const sleep = options.sleep ?? defaultSleep;
  const backoffMs = options.backoffMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const random = options.random ?? Math.random;
  const log = options.logger.child({ component: "http" });

  async function attempt(url: string): Promise<Attempt> {
    try {
      const res = await fetch(url, {
        headers: { "user-agent": options.userAgent, accept: "application/json, application/atom+xml, application/rss+xml, text/xml;q=0.9, */*;q=0.5" },
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: "follow",
      });
      const text = await res.text();
      const waitMs = parseRetryAfter(res.headers.get("retry-after")) ?? parseRateLimitReset(res.headers.get("ratelimit"));
      return { kind: "response", status: res.status, text, contentType: res.headers.get("content-type") ?? "", waitMs };
    } catch (err) {
      return { kind: "network", reason: networkReason(err, options.timeoutMs) };
    }
  }

  async function getText(url: string, call: GetTextOptions = {}): Promise<HttpTextResponse> {
    const host = hostOf(url);
    const safeUrl = redact(url);
    const attempts = options.retries + 1;
    let last = "";
    for (let n = 0; n < attempts; n++) {
      const result = call.gate ? await call.gate.run(() => attempt(url)) : await attempt(url);
      let serverWait: number | null = null;
      if (result.kind === "response") {
        const { status } = result;
        if ((status >= 200 && status < 300) || call.passStatuses?.includes(status)) {
          return { status, text: result.text, contentType: result.contentType };
        }
        if (status !== 429 && status < 500) {
          log.warn({ url: safeUrl, status }, "upstream refused the request");
          throw new BotError("UPSTREAM", `${host} refused the request (HTTP ${status}); check the date or id and try again.`, {
            url: safeUrl,
            status,
            body: result.text.slice(0, 300),
          });
        }
        last = `HTTP ${status}`;
        serverWait = result.waitMs;
      } else {
        last = result.reason;
      }
      if (n === attempts - 1) break;
      if (serverWait !== null && serverWait > maxWaitMs) {
        log.warn({ url: safeUrl, waitMs: serverWait }, "upstream asked for a wait longer than we accept");
        throw new BotError("UPSTREAM", `${host} is rate limiting us for ${Math.ceil(serverWait / 1000)} s; try again later.`, {
          url: safeUrl,
          last,
          waitMs: serverWait,
        });
      }
      const backoff = backoffMs * 2 ** n;
      const waitMs = serverWait ?? Math.round(backoff + backoff * 0.5 * random());
      log.info({ url: safeUrl, attempt: n + 1, of: attempts, reason: last, waitMs }, "retrying upstream request");
      await sleep(waitMs);
    }
    log.warn({ url: safeUrl, attempts, reason: last }, "upstream request failed");
    throw new BotError("UPSTREAM", `${host} is not answering (${last}; ${attempts} attempt${attempts === 1 ? "" : "s"}); try again in a few minutes.`, {
      url: safeUrl,
      attempts,
      last,
    });
  }

  return { getText };
}

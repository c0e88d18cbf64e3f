import type { Logger } from "../logger.js";
import type { RateWindowStore } from "./rate-window-store.js";

/** A request budget that every instance sharing the store draws from: one slot per request. */
export interface SharedRateLimiter {
  /** Resolves when one request may leave now; the slot is taken in the shared store on return. */
  acquire(): Promise<void>;
  /** What the limiter has done so far (for logs, benches and tests). */
  stats(): SharedRateLimiterStats;
}

/** Counters of a SharedRateLimiter. */
export interface SharedRateLimiterStats {
  /** Slots granted (one per request let through). */
  granted: number;
  /** Store calls made (takes granted or refused). */
  storeCalls: number;
  /** Time spent in store calls, ms: the limiter's cost, apart from waiting for room. */
  storeMs: number;
  /** Requests let through without a slot because the store failed (fail-open). */
  failedOpen: number;
  /** Largest share of one slice this instance was granted: at most `perSlice`. */
  perSlice: number;
}

/** Options for createSharedRateLimiter. */
export interface SharedRateLimiterOptions {
  /** The shared windows. */
  store: RateWindowStore;
  /** Which limit, e.g. `discord:global:<application>`: instances with the same bucket share it. */
  bucket: string;
  /** The platform's limit: `requests` per `windowMs` (Discord: 50 per 1000 ms per bot token). */
  limit: { requests: number; windowMs: number };
  /** Length of one counted slice, ms (default 25: one request per slice for Discord, so requests leave evenly spaced). */
  sliceMs?: number;
  /** Lateness allowed between taking a slot and the server counting the request (event-loop stalls, latency, clock skew between machines), ms (default 200). */
  marginMs?: number;
  /** Current time, epoch ms (default Date.now); every instance's clocks must agree to within the margin (NTP). */
  now?: () => number;
  /** Waits `ms` (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Logger (a failing store is warned about, at most every 30 s). */
  logger: Logger;
}

/**
 * How many requests one slice may hold so that no span of `windowMs` (plus the margin, which
 * shifts when the server counts a request) ever sees more than `requests`: such a span touches
 * at most ceil((windowMs + margin) / slice) + 1 slices. Discord's 50/s with the defaults (25 ms
 * slices, 200 ms margin) gives 1 per slice: at most 49 in any 1.2 s, 40/s sustained; 100 ms
 * slices with a 100 ms margin would also give 40/s (4 per slice) but tolerate only 100 ms of lateness.
 */
export function slotsPerSlice(limit: { requests: number; windowMs: number }, sliceMs: number, marginMs: number): number {
  const slices = Math.ceil((limit.windowMs + marginMs) / sliceMs) + 1;
  return Math.max(1, Math.floor(limit.requests / slices));
}

/** Older windows than this many limit windows are pruned. */
const KEEP_WINDOWS = 10;

/**
 * A rate limiter over fixed slices counted in the shared store (one atomic upsert per take),
 * so N instances together stay inside one platform-wide limit instead of N times it. One
 * taker per process asks for as many slots as there are waiters (up to the slice's share),
 * falls back to one, and sleeps to the next slice when the slice is full. When the store
 * fails, requests go through (fail-open: the platform's 429 is recoverable, a stalled bot is
 * not) and it is logged.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { store, bucket, logger } = options;
  const sliceMs = options.sliceMs ?? 25;
  const marginMs = options.marginMs ?? 200;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))));
  const perSlice = slotsPerSlice(options.limit, sliceMs, marginMs);
  const stats: SharedRateLimiterStats = { granted: 0, storeCalls: 0, storeMs: 0, failedOpen: 0, perSlice };
  const waiters: (() => void)[] = [];
  let pumping = false;
  let lastPrune = 0;
  let lastWarn = -Infinity;

  const take = async (sliceStart: number, n: number): Promise<boolean> => {
    const started = performance.now();
    try {
      return await store.take(bucket, new Date(sliceStart).toISOString(), n, perSlice);
    } finally {
      stats.storeCalls += 1;
      stats.storeMs += performance.now() - started;
    }
  };
  const release = (n: number) => {
    for (const resolve of waiters.splice(0, n)) resolve();
  };
  const prune = (at: number) => {
    if (at - lastPrune < options.limit.windowMs * KEEP_WINDOWS) return;
    lastPrune = at;
    store.prune(new Date(at - options.limit.windowMs * KEEP_WINDOWS).toISOString()).catch((err: unknown) => logger.debug({ err }, "pruning old rate windows failed"));
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        const at = now();
        const sliceStart = Math.floor(at / sliceMs) * sliceMs;
        const n = Math.min(waiters.length, perSlice);
        try {
          if (await take(sliceStart, n)) {
            stats.granted += n;
            release(n);
          } else if (n > 1 && (await take(sliceStart, 1))) {
            stats.granted += 1;
            release(1);
          } else await sleep(sliceStart + sliceMs - now());
        } catch (err) {
          if (at - lastWarn >= 30_000) {
            lastWarn = at;
            logger.warn({ err, bucket }, "the shared rate-limit store failed: requests go out without the shared budget until it answers");
          }
          stats.failedOpen += waiters.length;
          release(waiters.length);
        }
        prune(at);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire() {
      const granted = new Promise<void>((resolve) => waiters.push(resolve));
      void pump();
      return granted;
    },
    stats: () => ({ ...stats }),
  };
}

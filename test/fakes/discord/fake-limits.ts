/** A 429 answer of the fake's enforced limits. */
export interface LimitReply {
  /** Always 429. */
  status: number;
  /** Discord's rate-limit body. */
  body: { message: string; retry_after: number; global: boolean };
  /** retry-after and x-ratelimit-* headers. */
  headers: Record<string, string>;
}

/** Interaction callbacks and follow-ups are outside the global limit, as on Discord. */
const OUTSIDE_GLOBAL = /^\/(interactions|webhooks)\//;

/** Milliseconds until the sliding window `log` (of size `size` over `span` ms) has room, pruning it. */
function windowWait(log: number[], size: number, span: number, now: number): number {
  while (log.length > 0 && log[0]! + span <= now) log.shift();
  return log.length < size ? 0 : log[0]! + span - now;
}

/**
 * Discord's limits counted when each request ARRIVES: 5 message posts / 5 s per channel, and
 * 50 requests / s per bot token, whichever process or client sends them (the global limit is
 * the token's). A refused request is not counted.
 */
export function createArrivalLimits(options: { retryAfterSec?: number } = {}) {
  const arrivals = new Map<string, number[]>();
  const channelArrivals = new Map<string, number[]>();
  let refused = 0;
  return {
    /** The 429 an arriving request gets, or null (and the request is counted). */
    check(method: string, path: string, token: string): LimitReply | null {
      const tokenArrivals = arrivals.get(token) ?? [];
      arrivals.set(token, tokenArrivals);
      const now = Date.now();
      const post = method === "POST" ? path.match(/^\/channels\/(\d+)\/messages$/) : null;
      const own = post ? (channelArrivals.get(post[1]!) ?? []) : null;
      if (own && post) channelArrivals.set(post[1]!, own);
      const counted = !OUTSIDE_GLOBAL.test(path);
      const globalWait = counted ? windowWait(tokenArrivals, 50, 1000, now) : 0;
      const ownWait = own ? windowWait(own, 5, 5000, now) : 0;
      if (globalWait === 0 && ownWait === 0) {
        if (counted) tokenArrivals.push(now);
        own?.push(now);
        return null;
      }
      refused += 1;
      const after = options.retryAfterSec ?? Math.max(globalWait, ownWait) / 1000;
      const global = globalWait > 0 && ownWait === 0;
      return {
        status: 429,
        body: { message: "You are being rate limited.", retry_after: after, global },
        headers: { "retry-after": String(after), "x-ratelimit-limit": global ? "50" : "5", "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": String(after), "x-ratelimit-bucket": "fake-messages", "x-ratelimit-scope": global ? "global" : "user", ...(global ? { "x-ratelimit-global": "true" } : {}) },
      };
    },
    /** 429s answered so far. */
    refused: () => refused,
  };
}

/** Most requests inside any sliding second, of those bound by the global limit (`at` epoch ms, `path` after /api/v10). */
export function peakPerSecond(requests: { at: number; path: string }[]): number {
  const times = requests.filter((r) => !OUTSIDE_GLOBAL.test(r.path)).map((r) => r.at).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; j < times.length; j += 1) {
    while (times[j]! - times[i]! >= 1000) i += 1;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createVirtualTimer } from "../../../src/core/digest/timer.js";
import { createSharedRateLimiter, slotsPerSlice } from "../../../src/core/limits/shared-rate-limiter.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import { createSqliteRateWindowStore } from "../../../src/db/sqlite-rate-window-store.js";
import { STORE_DIALECTS, useStores } from "../../helpers/store-dialects.js";
import { createTempDb } from "../../helpers/temp-db.js";

const DISCORD = { requests: 50, windowMs: 1000 };
const T0 = Date.parse("2026-12-01T09:00:00.000Z");

/** Most grants inside any span of `spanMs`. */
function peak(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j]! - sorted[i]! >= spanMs) i += 1;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe("slotsPerSlice", () => {
  it("gives each slice the share that keeps any window (plus the margin) within the limit", () => {
    expect(slotsPerSlice(DISCORD, 25, 200)).toBe(1); // the default: 49 slices touch 1.2 s
    expect(slotsPerSlice(DISCORD, 100, 100)).toBe(4); // 12 slices touch 1.1 s: 48 at most
    expect(slotsPerSlice(DISCORD, 50, 50)).toBe(2); // 22 slices: 44
    expect(slotsPerSlice(DISCORD, 1000, 0)).toBe(25); // two whole windows can meet in one span
    expect(slotsPerSlice({ requests: 1, windowMs: 1000 }, 100, 100)).toBe(1);
  });
});

describe("shared rate limiter over one SQLite store, on simulated time", () => {
  let db: ReturnType<typeof createTempDb>;
  beforeEach(() => {
    db = createTempDb();
  });
  afterEach(() => db.cleanup());

  it("two instances bursting 200 requests each together stay within 50 in any 1.2 s (a second and the margin), at 40/s", async () => {
    const timer = createVirtualTimer(T0);
    const store = createSqliteRateWindowStore(db);
    const make = () => createSharedRateLimiter({ store, bucket: "discord:global:t", limit: DISCORD, now: timer.now, sleep: timer.sleep, logger: createSilentLogger() });
    const [a, b] = [make(), make()];
    const grants: number[] = [];
    await Promise.all([a, b].flatMap((limiter) => Array.from({ length: 200 }, () => limiter.acquire().then(() => grants.push(timer.now())))));
    expect(grants).toHaveLength(400);
    expect(peak(grants, 1200)).toBeLessThanOrEqual(50);
    expect(peak(grants, 1000)).toBeLessThanOrEqual(41);
    expect(Math.max(...grants) - T0).toBeGreaterThanOrEqual(9800); // 400 at 40/s: ten seconds
    expect(a.stats().granted + b.stats().granted).toBe(400);
    expect(Math.min(a.stats().granted, b.stats().granted)).toBeGreaterThan(100); // neither starves
  });

  it("lets requests through when the store fails, and counts them", async () => {
    const store = createSqliteRateWindowStore(db);
    db.close();
    const limiter = createSharedRateLimiter({ store, bucket: "discord:global:t", limit: DISCORD, logger: createSilentLogger() });
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(limiter.stats().failedOpen).toBe(2);
  });
});

describe.each(STORE_DIALECTS)("shared rate limiter cost per request on %s", (dialect) => {
  const fixture = useStores(dialect);

  it("takes one store call per request when nothing waits (figures logged, not asserted)", async () => {
    const limiter = createSharedRateLimiter({ store: fixture.stores.rateWindows, bucket: "bench", limit: { requests: 10_000_000, windowMs: 1000 }, logger: createSilentLogger() });
    const n = 1000;
    const started = performance.now();
    for (let i = 0; i < n; i += 1) await limiter.acquire();
    const wallMs = performance.now() - started;
    const stats = limiter.stats();
    expect(stats.granted).toBe(n);
    expect(stats.storeCalls).toBe(n);
    process.stdout.write(`shared limiter cost on ${dialect}: ${JSON.stringify({ requests: n, msPerRequest: Number((wallMs / n).toFixed(3)), storeMsPerCall: Number((stats.storeMs / stats.storeCalls).toFixed(3)) })}\n`);
  });
});

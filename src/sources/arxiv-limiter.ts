import type { RequestGate } from "./http-client.js";

/** Clock and sleep for the limiter; injectable for tests. */
export interface LimiterTiming {
  /** Current time in ms (monotonic is best). Default performance.now. */
  now?: () => number;
  /** Waits `ms`. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one gate every arXiv request (API and RSS) goes through: one request at a time, and
 * each starts at least `minIntervalMs` after the previous one finished. arXiv asks for one
 * request every 3 s over a single connection, counted across everything we run; a tiny
 * serial promise chain does that without a dependency. Build one per process and share it.
 */
export function createArxivLimiter(minIntervalMs: number, timing: LimiterTiming = {}): RequestGate {
  const now = timing.now ?? (() => performance.now());
  const sleep = timing.sleep ?? defaultSleep;
  let tail: Promise<unknown> = Promise.resolve();
  let lastFinished: number | null = null;

  async function waitForSlot(): Promise<void> {
    if (lastFinished === null) return;
    for (;;) {
      const remaining = lastFinished + minIntervalMs - now();
      if (remaining <= 0) return;
      await sleep(Math.ceil(remaining));
    }
  }

  function run<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(async () => {
      await waitForSlot();
      try {
        return await task();
      } finally {
        lastFinished = now();
      }
    });
    tail = result.catch(() => undefined);
    return result;
  }

  return { run };
}

/** Milliseconds and waiting, injected so pacing can run on real time or on a simulated clock. */
export interface Timer {
  /** Current time in milliseconds (epoch ms for the system timer; any origin for a virtual one). */
  now(): number;
  /** Resolves after `ms` milliseconds (immediately for ms ≤ 0). */
  sleep(ms: number): Promise<void>;
}

/** Real time: Date.now and setTimeout. */
export function createSystemTimer(): Timer {
  return {
    now: () => Date.now(),
    sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

/** A virtual timer plus how far it has advanced. */
export interface VirtualTimer extends Timer {
  /** Sleeps still pending. */
  pending(): number;
}

/**
 * Simulated time for fan-out benches and pacing tests: `sleep` never waits for real. When
 * every task is waiting (the microtask queue has drained, checked with setImmediate), time
 * jumps to the earliest wake-up and those sleepers resume together. Work that waits on real
 * I/O in between must not be mixed in; synchronous SQLite is fine.
 */
export function createVirtualTimer(startMs = 0): VirtualTimer {
  let now = startMs;
  let sleepers: { at: number; seq: number; wake: () => void }[] = [];
  let seq = 0;
  let scheduled = false;

  const advance = () => {
    scheduled = false;
    if (sleepers.length === 0) return;
    const at = sleepers[0]!.at;
    now = Math.max(now, at);
    const due = sleepers.filter((s) => s.at <= now);
    sleepers = sleepers.filter((s) => s.at > now);
    for (const s of due) s.wake();
    schedule();
  };
  const schedule = () => {
    if (scheduled || sleepers.length === 0) return;
    scheduled = true;
    setImmediate(advance);
  };

  return {
    now: () => now,
    pending: () => sleepers.length,
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const entry = { at: now + Math.max(0, ms), seq: (seq += 1), wake: resolve };
        let i = sleepers.length;
        while (i > 0 && (sleepers[i - 1]!.at > entry.at || (sleepers[i - 1]!.at === entry.at && sleepers[i - 1]!.seq > entry.seq))) i -= 1;
        sleepers.splice(i, 0, entry);
        schedule();
      });
    },
  };
}

import type { RateLimits } from "../chat/chat-adapter.js";
import type { Timer } from "./timer.js";

/** Paces sends to one platform so fan-out stays inside its rate limits. */
export interface Pacer {
  /** Resolves when one message may be sent to `conversation` now; the slot is taken (stamped now) on return. */
  acquire(conversation: string): Promise<void>;
  /** Re-stamps `conversation`'s latest slot to now: call it when the request actually leaves, since the server counts arrivals. */
  sent(conversation: string): void;
  /** Holds `conversation` back for `ms` (a server Retry-After); with `global`, holds every channel back (a bot-wide 429). */
  holdBack(conversation: string, ms: number, global?: boolean): void;
}

/** Options for createPacer. */
export interface PacerOptions {
  /** The platform's limits; null means no pacing (the shell). */
  limits: RateLimits | null;
  /** Time source; the system timer in production, a virtual one in benches. */
  timer: Timer;
  /** Extra span added to every window, in ms, to absorb round-trip jitter against the server's clock. Default DEFAULT_PACER_MARGIN_MS. */
  marginMs?: number;
}

/**
 * Default window margin, ms. Measured with `npx tsx bench/fanout.ts`: against a fake that
 * counts at arrival with 0–20 ms of round-trip jitter, 25 ms gives 0 × 429 at ≥ 0.97 of the
 * allowed rate (the global 50/s window is the one the margin costs most: 1000/1025).
 */
export const DEFAULT_PACER_MARGIN_MS = 25;

/** One send's stamp; mutable so `sent` can move it to when the request left. */
interface Stamp {
  at: number;
}

/** Sends within the last window: a log of stamps, oldest first. */
class Window {
  private stamps: Stamp[] = [];
  constructor(
    private readonly size: number,
    private readonly spanMs: number,
  ) {}

  /** Milliseconds until a slot is free at `now` (0 when one is free). */
  waitAt(now: number): number {
    while (this.stamps.length > 0 && this.stamps[0]!.at + this.spanMs <= now) this.stamps.shift();
    return this.stamps.length < this.size ? 0 : this.stamps[0]!.at + this.spanMs - now;
  }

  take(stamp: Stamp): void {
    this.stamps.push(stamp);
  }

  /** Keeps the log ordered after a stamp moved later. */
  resort(): void {
    this.stamps.sort((a, b) => a.at - b.at);
  }

  idleAt(now: number): boolean {
    return this.waitAt(now) === 0 && this.stamps.length === 0;
  }
}

/**
 * A token-bucket pacer in its strict form: each token returns exactly one window (plus the
 * margin) after its request LEFT (a sliding-window log, re-stamped by `sent`), so no window of
 * the server's can see more than the limit even when local work sits between the grant and
 * the request. A send needs a token from its channel's bucket and one from the platform-wide
 * bucket. Waiting channels never hold tokens, so a channel held back by its own limit or by a
 * Retry-After never delays another channel; a global Retry-After holds them all.
 */
export function createPacer(options: PacerOptions): Pacer {
  const { limits, timer } = options;
  const margin = options.marginMs ?? DEFAULT_PACER_MARGIN_MS;
  const channels = new Map<string, Window>();
  const latest = new Map<string, Stamp>();
  const heldUntil = new Map<string, number>();
  let globalHeldUntil = 0;
  const global = limits?.global ? new Window(limits.global.requests, limits.global.windowMs + margin) : null;

  const channelWindow = (conversation: string): Window | null => {
    if (!limits) return null;
    let w = channels.get(conversation);
    if (!w) {
      w = new Window(limits.perChannel.messages, limits.perChannel.windowMs + margin);
      channels.set(conversation, w);
    }
    return w;
  };
  const forgetIdle = (now: number) => {
    if (channels.size < 10_000) return;
    for (const [key, w] of channels) {
      if (!w.idleAt(now)) continue;
      channels.delete(key);
      latest.delete(key);
    }
  };

  return {
    async acquire(conversation) {
      for (;;) {
        const now = timer.now();
        const held = Math.max(0, (heldUntil.get(conversation) ?? 0) - now, globalHeldUntil - now);
        const own = channelWindow(conversation);
        const wait = Math.max(held, own?.waitAt(now) ?? 0, global?.waitAt(now) ?? 0);
        if (wait <= 0) {
          const stamp = { at: now };
          own?.take(stamp);
          global?.take(stamp);
          latest.set(conversation, stamp);
          heldUntil.delete(conversation);
          forgetIdle(now);
          return;
        }
        await timer.sleep(wait);
      }
    },
    sent(conversation) {
      const stamp = latest.get(conversation);
      if (!stamp) return;
      stamp.at = Math.max(stamp.at, timer.now());
      channels.get(conversation)?.resort();
      global?.resort();
    },
    holdBack(conversation, ms, isGlobal = false) {
      const until = timer.now() + Math.max(0, ms);
      if (isGlobal) globalHeldUntil = Math.max(globalHeldUntil, until);
      else heldUntil.set(conversation, Math.max(until, heldUntil.get(conversation) ?? 0));
    },
  };
}

import type { RateLimits } from "../chat/chat-adapter.js";
import type { Timer } from "./timer.js";

/** Paces sends to one platform so fan-out stays inside its rate limits. */
export interface Pacer {
  /** Resolves when one message may be sent to `conversation` now; the slot is taken on return. */
  acquire(conversation: string): Promise<void>;
  /** Holds `conversation` back for `ms` (a server `Retry-After` an adapter chose to report); other channels are unaffected. */
  holdBack(conversation: string, ms: number): void;
}

/** Options for createPacer. */
export interface PacerOptions {
  /** The platform's limits; null means no pacing (the shell). */
  limits: RateLimits | null;
  /** Time source; the system timer in production, a virtual one in benches. */
  timer: Timer;
  /** Extra spacing added to every window, in ms, to absorb network jitter against the server's clock. Default 0. */
  marginMs?: number;
}

/** Sends within the last window: a ring of timestamps, oldest first. */
class Window {
  private readonly stamps: number[] = [];
  constructor(
    private readonly size: number,
    private readonly spanMs: number,
  ) {}

  /** Milliseconds until a slot is free at `now` (0 when one is free). */
  waitAt(now: number): number {
    while (this.stamps.length > 0 && this.stamps[0]! + this.spanMs <= now) this.stamps.shift();
    return this.stamps.length < this.size ? 0 : this.stamps[0]! + this.spanMs - now;
  }

  take(now: number): void {
    this.stamps.push(now);
  }

  idleAt(now: number): boolean {
    return this.waitAt(now) === 0 && this.stamps.length === 0;
  }
}

/**
 * A token-bucket pacer in its strict form: each token returns exactly one window after it
 * was spent (a sliding-window log), so no window of the server's — fixed or sliding — can
 * ever see more than the limit. A send needs a token from its channel's bucket and one from
 * the platform-wide bucket. Waiting channels never hold tokens, so a channel held back by
 * its own limit or by a `Retry-After` never delays another channel.
 */
export function createPacer(options: PacerOptions): Pacer {
  const { limits, timer } = options;
  const margin = options.marginMs ?? 0;
  const channels = new Map<string, Window>();
  const heldUntil = new Map<string, number>();
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
    for (const [key, w] of channels) if (w.idleAt(now)) channels.delete(key);
  };

  return {
    async acquire(conversation) {
      for (;;) {
        const now = timer.now();
        const held = Math.max(0, (heldUntil.get(conversation) ?? 0) - now);
        const own = channelWindow(conversation);
        const wait = Math.max(held, own?.waitAt(now) ?? 0, global?.waitAt(now) ?? 0);
        if (wait <= 0) {
          own?.take(now);
          global?.take(now);
          heldUntil.delete(conversation);
          forgetIdle(now);
          return;
        }
        await timer.sleep(wait);
      }
    },
    holdBack(conversation, ms) {
      const until = timer.now() + Math.max(0, ms);
      heldUntil.set(conversation, Math.max(until, heldUntil.get(conversation) ?? 0));
    },
  };
}

import { randomUUID } from "node:crypto";
import type { ChatAdapter, LookUpRequest, LookUpResult, RateLimits, SendOptions } from "../../src/core/chat/chat-adapter.js";
import { SendError } from "../../src/core/chat/chat-adapter.js";
import type { OutboundMessage } from "../../src/core/chat/message.js";
import { createSystemTimer, type Timer } from "../../src/core/digest/timer.js";

/** Discord's posting limits: 5 messages per 5 s per channel, 50 requests per second per bot. */
export const DISCORD_LIMITS: RateLimits = { perChannel: { messages: 5, windowMs: 5000 }, global: { requests: 50, windowMs: 1000 } };

/** One message the fake platform accepted. */
export interface FakeSend {
  /** Conversation reference. */
  conversation: string;
  /** The message as sent. */
  message: OutboundMessage;
  /** Send options (thread). */
  options: SendOptions | undefined;
  /** Timer time when the platform accepted it, ms. */
  at: number;
  /** The reference returned. */
  ref: string;
  /** The send's dedupe key (ledger item), when it had one. */
  dedupeKey: string | undefined;
}

/** A fake platform that records sends and enforces rate limits like Discord. */
export interface FakeChatAdapter extends ChatAdapter {
  /** Every accepted send, in order. */
  readonly sends: FakeSend[];
  /** 429-equivalents answered so far (each was waited out and retried, as discord.js does). */
  readonly rateLimited: number;
  /** Accepted sends to one conversation. */
  sentTo(conversation: string): FakeSend[];
  /** Makes sends to `conversation` fail `times` times (default: until cleared), permanent or transient, once `after` more sends were accepted (default 0). */
  failChannel(conversation: string, failure: { permanent: boolean; reason: string; times?: number; after?: number; retryAfterMs?: number }): void;
  /** Stops failing a conversation. */
  clearFailure(conversation: string): void;
  /** Makes each send to `conversation` take `ms` longer (after the platform accepted it). */
  slowChannel(conversation: string, ms: number): void;
}

/** Options for the fake adapter. */
export interface FakeChatAdapterOptions {
  /** Platform name. Default `discord`. */
  platform?: string;
  /** Limits enforced (and advertised to the pacer); null for none. Default DISCORD_LIMITS. */
  limits?: RateLimits | null;
  /** Time source (a virtual timer for benches). Default real time. */
  timer?: Timer;
  /** Round-trip time of every send, ms: half before the platform accepts it, half after. Default 0. */
  latencyMs?: number;
  /** Called when the platform accepts a message (e.g. to append it to a file). */
  onAccept?: (send: FakeSend) => void;
  /** Counts limits when each request ARRIVES and answers an over-limit one with a 429 SendError (Retry-After), as the platforms do; default false: waits and retries like discord.js's own queue. */
  rejectAtArrival?: boolean;
  /** Extra one-way delay of each request, uniformly random in [0, jitterMs] ms (seeded, reproducible). Default 0. */
  jitterMs?: number;
  /** `lookUp`: true reads back the accepted sends by dedupe key; "forbidden" answers unavailable (no read permission); default: no lookUp. */
  readBack?: boolean | "forbidden";
  /** Called when a lookUp starts (a crash test can kill the process there). */
  onLookUp?: (dedupeKey: string) => void | Promise<void>;
}

/** A small seeded PRNG (mulberry32), so jittered runs repeat exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sliding-window log: the strictest reading of "N per window". */
function windowWait(stamps: number[], size: number, span: number, now: number): number {
  while (stamps.length > 0 && stamps[0]! + span <= now) stamps.shift();
  return stamps.length < size ? 0 : stamps[0]! + span - now;
}

/** Builds the fake. It emulates discord.js: a 429 is counted, Retry-After is waited out, and the request retried. */
export function createFakeChatAdapter(options: FakeChatAdapterOptions = {}): FakeChatAdapter {
  const timer = options.timer ?? createSystemTimer();
  const limits = options.limits === undefined ? DISCORD_LIMITS : options.limits;
  const half = (options.latencyMs ?? 0) / 2;
  const sends: FakeSend[] = [];
  const global: number[] = [];
  const perChannel = new Map<string, number[]>();
  const failures = new Map<string, { permanent: boolean; reason: string; times: number; after: number; retryAfterMs?: number }>();
  const random = seeded(12);
  const jitter = options.jitterMs ?? 0;
  const slow = new Map<string, number>();
  let rateLimited = 0;
  let counter = 0;
  const instance = randomUUID().slice(0, 8);

  const retryAfter = (conversation: string, now: number): number => {
    if (!limits) return 0;
    let stamps = perChannel.get(conversation);
    if (!stamps) perChannel.set(conversation, (stamps = []));
    const own = windowWait(stamps, limits.perChannel.messages, limits.perChannel.windowMs, now);
    const all = limits.global ? windowWait(global, limits.global.requests, limits.global.windowMs, now) : 0;
    return Math.max(own, all);
  };

  return {
    platform: options.platform ?? "discord",
    limits,
    sends,
    get rateLimited() {
      return rateLimited;
    },
    sentTo: (conversation) => sends.filter((s) => s.conversation === conversation),
    failChannel(conversation, failure) {
      failures.set(conversation, { ...failure, times: failure.times ?? Number.POSITIVE_INFINITY, after: failure.after ?? 0 });
    },
    clearFailure: (conversation) => void failures.delete(conversation),
    slowChannel: (conversation, ms) => void slow.set(conversation, ms),
    async start() {},
    async stop() {},
    async send(conversation, message, sendOptions) {
      sendOptions?.onRequest?.();
      const oneWay = half + (jitter > 0 ? random() * jitter : 0);
      if (oneWay > 0) await timer.sleep(oneWay);
      const failure = failures.get(conversation);
      if (failure && failure.after > 0) failure.after -= 1;
      else if (failure && failure.times > 0) {
        failure.times -= 1;
        const text = failure.reason === "rate_limited" ? "429 Too Many Requests" : failure.permanent ? `Unknown Channel ${conversation}` : "upstream connect error";
        throw new SendError(text, { permanent: failure.permanent, reason: failure.reason, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) });
      }
      for (;;) {
        const wait = retryAfter(conversation, timer.now());
        if (wait <= 0) break;
        rateLimited += 1;
        if (options.rejectAtArrival) {
          if (half > 0) await timer.sleep(half);
          throw new SendError("429 Too Many Requests", { permanent: false, reason: "rate_limited", retryAfterMs: Math.ceil(wait) });
        }
        await timer.sleep(wait);
      }
      const now = timer.now();
      global.push(now);
      perChannel.get(conversation)?.push(now);
      counter += 1;
      const send: FakeSend = { conversation, message, options: sendOptions, at: now, ref: `${conversation}:${instance}-${counter}`, dedupeKey: sendOptions?.dedupeKey };
      sends.push(send);
      options.onAccept?.(send);
      const extra = (slow.get(conversation) ?? 0) + half;
      if (extra > 0) await timer.sleep(extra);
      return send.ref;
    },
    ...(options.readBack
      ? {
          async lookUp(request: LookUpRequest): Promise<LookUpResult> {
            await options.onLookUp?.(request.dedupeKey);
            if (options.readBack === "forbidden") return { kind: "unavailable", fix: "grant the bot Read Message History" };
            const hit = sends.find((s) => s.conversation === request.conversation && s.dedupeKey === request.dedupeKey);
            return hit ? { kind: "found", ref: hit.ref } : { kind: "absent" };
          },
        }
      : {}),
  };
}

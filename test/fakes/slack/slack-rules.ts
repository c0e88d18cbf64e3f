/** Rules the fake Slack enforces when a request arrives, kept apart from its routing. */

/** Sliding window log: milliseconds until `log` (size `size` over `span` ms) has room, pruned at `now`. */
export function windowWait(log: number[], size: number, span: number, now: number): number {
  while (log.length > 0 && log[0]! + span <= now) log.shift();
  return log.length < size ? 0 : log[0]! + span - now;
}

/** Slack's chat.postMessage rate: about 1 message per second per channel, counted at arrival. */
export class PostRate {
  private readonly perChannel = new Map<string, number[]>();
  /** 429s answered. */
  limited = 0;

  /** Seconds to announce in Retry-After when a post to `channel` arriving now is over the limit, or 0 (and it is counted). */
  retryAfter(channel: string, now = Date.now()): number {
    const log = this.perChannel.get(channel) ?? [];
    this.perChannel.set(channel, log);
    const wait = windowWait(log, 1, 1000, now);
    if (wait === 0) {
      log.push(now);
      return 0;
    }
    this.limited += 1;
    return Math.max(1, Math.ceil(wait / 1000));
  }
}

/** Switches a test flips to stop the fake Slack at a point of a send. */
export interface FakeSlackSwitches {
  /** Enforce ~1 post/s per channel at arrival (429 + Retry-After). Default false. */
  enforceLimits: boolean;
  /** Create posted messages but never answer (the test kills the bot while it waits). */
  stallAfterCreate: boolean;
  /** When > 0: the post that creates the N-th message is created, then never answered. */
  stallAfterCreateAt: number;
  /** Never answer history reads (the test kills the bot during the read-back). */
  stallReadBack: boolean;
  /** Channels whose history the token may not read (missing_scope, needed channels:history). */
  noHistory: Set<string>;
}

/** Uses allowed per response_url, as Slack allows. */
export const RESPONSE_URL_USES = 5;

/** A held message, as history reads need it. */
interface HistoryMessage {
  channel: string;
  ts: string;
  text: string;
  threadTs: string | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
}

/** conversations.history (top-level messages) or conversations.replies (one thread) since `oldest`, newest first; metadata only with include_all_metadata, as Slack does. */
export function historyAnswer(messages: HistoryMessage[], method: string, p: Record<string, unknown>, botUserId: string): Record<string, unknown> {
  const channel = String(p.channel);
  const oldest = Number(p.oldest ?? 0);
  const withMeta = p.include_all_metadata === true || p.include_all_metadata === "true";
  const inScope = (m: HistoryMessage) => (method === "conversations.replies" ? m.ts === String(p.ts) || m.threadTs === String(p.ts) : m.threadTs === null);
  const list = messages
    .filter((m) => m.channel === channel && Number(m.ts) >= oldest && inScope(m))
    .sort((a, b) => Number(b.ts) - Number(a.ts))
    .map((m) => ({ type: "message", ts: m.ts, text: m.text, user: botUserId, ...(m.threadTs ? { thread_ts: m.threadTs } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
  return { ok: true, messages: list, has_more: false, response_metadata: { next_cursor: "" } };
}

import type { webApi } from "@slack/bolt";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { Logger } from "../../core/logger.js";
import { classifySlackError } from "./classify-slack-error.js";
import { digestMetadata } from "./look-up-message.js";
import type { SlackMessage } from "./render-message.js";

/** Where and how to post. */
export interface PostTarget {
  /** Channel id. */
  channel: string;
  /** Parent message ts, to post in its thread. */
  threadTs?: string;
  /** The ledger item's key, put in the first part's metadata so a read-back can find the post. */
  dedupeKey?: string;
  /** Called as the first part's request leaves (pacing stamps it then). */
  onRequest?: () => void;
}

/**
 * Posts each rendered part with chat.postMessage, in order, and returns the first part's ts.
 * The first part carries the digest metadata (its dedupe key). A 429 becomes a `rate_limited`
 * SendError with Retry-After (the adapter's WebClient rejects rate-limited calls). A failure of the
 * first part becomes a SendError; once the first part is out, a later part's failure is only
 * logged, because the message already exists and a retry would post it twice.
 */
export async function postMessage(client: webApi.WebClient, target: PostTarget, parts: SlackMessage[], logger: Logger): Promise<string> {
  let firstTs: string | null = null;
  for (const part of parts) {
    try {
      const first = firstTs === null;
      if (first) target.onRequest?.();
      const result = await client.chat.postMessage({
        ...(first && target.dedupeKey ? { metadata: digestMetadata(target.dedupeKey) } : {}),
        channel: target.channel,
        text: part.text,
        blocks: part.blocks,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!result.ts) throw new SendError("Slack accepted the post but returned no ts", { permanent: false, reason: "no_ts" });
      firstTs ??= result.ts;
    } catch (err) {
      const failure = err instanceof SendError ? { reason: err.reason, permanent: err.permanent, detail: err.message } : classifySlackError(err);
      if (firstTs !== null) {
        logger.warn({ channel: target.channel, reason: failure.reason }, "a later part of a split message was not posted");
        return firstTs;
      }
      if (err instanceof SendError) throw err;
      const { reason, permanent, detail } = failure;
      // A timeout or reset after the request left may have posted the message: a plain Error
      // tells the delivery engine the outcome is unknown, so it never re-sends (no duplicate).
      if (reason === "request_unknown") throw new Error(`chat.postMessage to ${target.channel}: ${detail}`);
      // A 429 posted nothing: the delivery engine releases the item and waits Retry-After.
      if (reason === "ratelimited") {
        const retryAfterSec = (err as { retryAfter?: number }).retryAfter ?? 1;
        throw new SendError(`chat.postMessage to ${target.channel}: ${detail}`, { permanent: false, reason: "rate_limited", retryAfterMs: retryAfterSec * 1000 });
      }
      throw new SendError(`chat.postMessage to ${target.channel} failed: ${detail}`, { permanent, reason });
    }
  }
  if (firstTs === null) throw new SendError("nothing to post", { permanent: true, reason: "empty_message" });
  return firstTs;
}

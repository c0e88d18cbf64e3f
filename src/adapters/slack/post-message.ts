import { webApi } from "@slack/bolt";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { Logger } from "../../core/logger.js";
import type { SlackMessage } from "./render-message.js";

/** Slack errors after which retrying the same post cannot help; they count towards pausing the channel. */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "missing_scope",
  "token_revoked",
  "invalid_auth",
  "not_authed",
  "restricted_action",
  "team_access_not_granted",
]);

/** Transport errors raised before a request could reach Slack: the post certainly did not happen. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** What a Web API call failed with: the Slack error code (or a transport reason) and whether it is permanent. */
export function classifySlackError(err: unknown): { reason: string; permanent: boolean; detail: string } {
  const coded = err as { code?: string; data?: { error?: string; needed?: string }; retryAfter?: number; statusCode?: number; message?: string };
  if (coded?.code === webApi.ErrorCode.PlatformError) {
    const reason = coded.data?.error ?? "unknown_error";
    const needed = coded.data?.needed ? ` (needs ${coded.data.needed})` : "";
    return { reason, permanent: PERMANENT_ERRORS.has(reason), detail: `Slack said ${reason}${needed}` };
  }
  if (coded?.code === webApi.ErrorCode.RateLimitedError) return { reason: "ratelimited", permanent: false, detail: `rate limited; retry after ${coded.retryAfter ?? "?"} s` };
  if (coded?.code === webApi.ErrorCode.HTTPError) return { reason: `http_${coded.statusCode ?? "error"}`, permanent: false, detail: `HTTP ${coded.statusCode ?? "error"} from Slack` };
  if (coded?.code === webApi.ErrorCode.RequestError) {
    const original = (err as { original?: Error }).original?.message ?? "";
    if (/rate limit was exceeded/i.test(original)) return { reason: "ratelimited", permanent: false, detail: "still rate limited after the retries" };
    const code = (err as { original?: { code?: string } }).original?.code ?? "";
    if (NOT_SENT_CODES.has(code)) return { reason: "request_error", permanent: false, detail: `could not reach Slack (${code})` };
    return { reason: "request_unknown", permanent: false, detail: `the request may or may not have reached Slack (${code || original.slice(0, 80)})` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { reason: "unknown_error", permanent: false, detail: message.slice(0, 200) };
}

/** Where and how to post. */
export interface PostTarget {
  /** Channel id. */
  channel: string;
  /** Parent message ts, to post in its thread. */
  threadTs?: string;
}

/**
 * Posts each rendered part with chat.postMessage, in order, and returns the first part's ts.
 * The WebClient waits out 429 Retry-After and retries per its retryConfig. A failure of the
 * first part becomes a SendError; once the first part is out, a later part's failure is only
 * logged, because the message already exists and a retry would post it twice.
 */
export async function postMessage(client: webApi.WebClient, target: PostTarget, parts: SlackMessage[], logger: Logger): Promise<string> {
  let firstTs: string | null = null;
  for (const part of parts) {
    try {
      const result = await client.chat.postMessage({
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
      throw new SendError(`chat.postMessage to ${target.channel} failed: ${detail}`, { permanent, reason });
    }
  }
  if (firstTs === null) throw new SendError("nothing to post", { permanent: true, reason: "empty_message" });
  return firstTs;
}

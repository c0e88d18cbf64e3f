import { webApi } from "@slack/bolt";

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

import type { webApi } from "@slack/bolt";
import type { LookUpRequest, LookUpResult } from "../../core/chat/chat-adapter.js";
import { classifySlackError } from "./classify-slack-error.js";
import { withRateLimitWaits } from "./list-reactions.js";
import { messageRef, parseSlackRef } from "./slack-refs.js";

/** The message metadata event type of every digest post: the read-back matches on it and the ledger item key. */
export const DIGEST_EVENT_TYPE = "papers_bot_digest_item";
/** Pages of history read back at most (a digest is far shorter). */
const MAX_PAGES = 10;
/** Errors meaning "the bot may not read this channel's history". */
const NO_HISTORY = new Set(["missing_scope", "not_in_channel", "channel_not_found", "not_allowed_token_type"]);

/** The metadata attached to a digest post with `dedupeKey`. */
export function digestMetadata(dedupeKey: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: DIGEST_EVENT_TYPE, event_payload: { key: dedupeKey } };
}

type HistoryMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

/**
 * Looks an in-doubt post up by its metadata: conversations.history (or conversations.replies
 * for a thread) since the run began, with include_all_metadata. Needs channels:history (public)
 * or groups:history (private); without it, unavailable with that fix.
 */
export async function lookUpMessage(client: webApi.WebClient, request: LookUpRequest): Promise<LookUpResult> {
  const conv = parseSlackRef(request.conversation);
  if (!conv) return { kind: "unavailable", fix: `${request.conversation} is not a Slack conversation` };
  const thread = request.threadOf ? parseSlackRef(request.threadOf) : null;
  const oldest = (new Date(request.since).getTime() / 1000 - 1).toFixed(6);
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const common = { channel: conv.channelId, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const result = await withRateLimitWaits(() => (thread?.ts ? client.conversations.replies({ ...common, ts: thread.ts }) : client.conversations.history(common)));
      for (const m of (result.messages ?? []) as HistoryMessage[]) {
        if (m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.key === request.dedupeKey && m.ts) return { kind: "found", ref: messageRef(conv.teamId, conv.channelId, m.ts) };
      }
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return { kind: "absent" };
    }
    return { kind: "absent" };
  } catch (err) {
    const { reason } = classifySlackError(err);
    if (NO_HISTORY.has(reason)) return { kind: "unavailable", fix: `add the bot scopes channels:history and groups:history (manifest.yml) and reinstall the app; Slack said ${reason}` };
    throw err;
  }
}

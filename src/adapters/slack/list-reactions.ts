import { webApi } from "@slack/bolt";
import type { ReactionLister } from "../../core/chat/chat-adapter.js";
import { parseSlackRef } from "./slack-refs.js";
import type { Workspace } from "./workspace-clients.js";

/** 429s waited out per read before giving up. */
const READ_RETRIES = 3;

/** Runs a read, waiting out Retry-After on a 429 (the adapter's WebClient rejects rate-limited calls so posts can be paced by the core). */
export async function withRateLimitWaits<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (err) {
      const retryAfter = (err as { code?: string; retryAfter?: number }).code === webApi.ErrorCode.RateLimitedError ? (err as { retryAfter?: number }).retryAfter : undefined;
      if (retryAfter === undefined || attempt >= READ_RETRIES) throw err;
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  }
}

/**
 * Lists a Slack message's reactions (`reactions.get`, full user lists) for the core's
 * reconcile: null for references that are not messages of a workspace `workspaceOf` knows
 * (another workspace, or one the bot is no longer installed in); throws when the message
 * cannot be read (deleted, channel gone, no access). The bot's own reactions are left out.
 */
export function createSlackReactionLister(workspaceOf: (teamId: string) => Promise<Workspace | null>): ReactionLister {
  return async (messageRef) => {
    const ref = parseSlackRef(messageRef);
    const ts = ref?.ts;
    if (!ref || !ts) return null;
    const workspace = await workspaceOf(ref.teamId);
    if (!workspace) return null;
    const result = await withRateLimitWaits(() => workspace.client.reactions.get({ channel: ref.channelId, timestamp: ts, full: true }));
    return {
      workspace: ref.teamId,
      reactions: (result.message?.reactions ?? []).map((reaction) => ({
        emoji: reaction.name ?? "",
        users: async () => (reaction.users ?? []).filter((user) => user !== workspace.botUserId),
      })),
    };
  };
}

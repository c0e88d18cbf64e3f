import type { webApi } from "@slack/bolt";
import type { ReactionLister } from "../../core/chat/chat-adapter.js";
import { parseSlackRef } from "./slack-refs.js";

/**
 * Lists a Slack message's reactions (`reactions.get`, full user lists) for the core's
 * reconcile: null for references that are not messages of this installation's workspace;
 * throws when the message cannot be read (deleted, channel gone, no access). The bot's own
 * reactions are left out.
 */
export function createSlackReactionLister(client: webApi.WebClient, identity: { teamId: string; botUserId: string | null }): ReactionLister {
  return async (messageRef) => {
    const ref = parseSlackRef(messageRef);
    if (!ref?.ts || ref.teamId !== identity.teamId) return null;
    const result = await client.reactions.get({ channel: ref.channelId, timestamp: ref.ts, full: true });
    return {
      workspace: identity.teamId,
      reactions: (result.message?.reactions ?? []).map((reaction) => ({
        emoji: reaction.name ?? "",
        users: async () => (reaction.users ?? []).filter((user) => user !== identity.botUserId),
      })),
    };
  };
}

import type { Client, MessageReaction } from "discord.js";
import type { ReactionLister } from "../../core/chat/chat-adapter.js";
import { parseRef } from "./discord-refs.js";

/** Page size of `GET /channels/{c}/messages/{m}/reactions/{emoji}` (Discord's maximum). */
const USERS_PAGE = 100;

/** Everyone (no bots, not the bot itself) who reacted with one emoji, page by page. */
async function reactingUsers(reaction: MessageReaction, selfId: string | undefined): Promise<string[]> {
  const users: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await reaction.users.fetch({ limit: USERS_PAGE, ...(after ? { after } : {}) });
    for (const user of page.values()) if (!user.bot && user.id !== selfId) users.push(user.id);
    if (page.size < USERS_PAGE) return users;
    after = page.lastKey();
  }
}

/**
 * Lists a Discord message's reactions through REST for the core's reconcile: null for
 * references that are not Discord messages; throws when the message or channel is gone or
 * not readable. Reacting users are fetched only for the emoji the core asks about.
 */
export function createDiscordReactionLister(client: Client): ReactionLister {
  return async (messageRef) => {
    const ref = parseRef(messageRef);
    if (!ref?.messageId) return null;
    // A guild on another instance's shard is not cached here: its channel is built without it.
    const channel = await client.channels.fetch(ref.channelId, { allowUnknownGuild: ref.guildId !== "dm" && !client.guilds.cache.has(ref.guildId) });
    if (!channel?.isTextBased()) throw new Error(`channel ${ref.channelId} is not a text channel`);
    const message = await channel.messages.fetch({ message: ref.messageId, force: true });
    return {
      workspace: ref.guildId,
      reactions: [...message.reactions.cache.values()].map((reaction) => ({ emoji: reaction.emoji.name ?? "", users: () => reactingUsers(reaction, client.user?.id) })),
    };
  };
}

/** Prefix of every Discord conversation and message reference. */
export const DISCORD_PLATFORM = "discord";

/** A parsed Discord reference; `guildId` is `dm` for direct messages. */
export interface DiscordRef {
  /** Guild id, or `dm`. */
  guildId: string;
  /** Channel (or thread) id. */
  channelId: string;
  /** Message id, for message references. */
  messageId?: string;
}

/** `discord:<guildId>:<channelId>`, or `discord:dm:<channelId>` when there is no guild. */
export function conversationRef(guildId: string | null | undefined, channelId: string): string {
  return `${DISCORD_PLATFORM}:${guildId ?? "dm"}:${channelId}`;
}

/** `discord:<guildId>:<channelId>:<messageId>`: the reference reactions map back through. */
export function messageRef(guildId: string | null | undefined, channelId: string, messageId: string): string {
  return `${conversationRef(guildId, channelId)}:${messageId}`;
}

/** Parses a conversation or message reference made by this adapter; null for anything else. */
export function parseRef(ref: string): DiscordRef | null {
  const match = /^discord:(dm|\d+):(\d+)(?::(\d+))?$/.exec(ref);
  if (!match) return null;
  const [, guildId, channelId, messageId] = match;
  return messageId ? { guildId: guildId!, channelId: channelId!, messageId } : { guildId: guildId!, channelId: channelId! };
}

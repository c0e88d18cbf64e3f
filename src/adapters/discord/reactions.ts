import { Events } from "discord.js";
import type { Client, GatewayDispatchPayload, MessageReaction, PartialMessageReaction, PartialUser, User } from "discord.js";
import type { ChatCore } from "../../core/chat/chat-adapter.js";
import type { ReactionEvent } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { DISCORD_PLATFORM, conversationRef, messageRef } from "./discord-refs.js";

/** What the reaction listener needs. */
export interface ReactionListenerOptions {
  /** The logged-in (or logging-in) client. */
  client: Client;
  /** The core, which decides which emoji count. */
  core: Pick<ChatCore, "handle">;
  /** Resolves when live reactions may be applied (after the start-up reconcile). */
  gate: () => Promise<void>;
  /** Logger. */
  logger: Logger;
}

type ReactionPacket = { message_id: string; user_id: string; emoji: { id: string | null; name: string | null } };

function dispatchKey(kind: string, d: ReactionPacket): string {
  return `${kind}:${d.message_id}:${d.user_id}:${d.emoji.id ?? d.emoji.name ?? ""}`;
}

/**
 * Turns gateway reaction events into core reaction events. Each dispatch gets an event id
 * from its gateway session and sequence number, so a dispatch replayed on RESUME (or sent
 * twice) counts once, while a genuine remove-then-add again still counts. Events are
 * handled one at a time, in order, after the start-up reconcile. Returns a detach function.
 */
export function listenForReactions(options: ReactionListenerOptions): () => void {
  const { client, logger } = options;
  const sessions = new Map<number, string>();
  const pendingIds = new Map<string, string[]>();
  let chain: Promise<void> = Promise.resolve();

  const onRaw = (packet: GatewayDispatchPayload, shardId: number) => {
    if (packet.t === "READY") sessions.set(shardId, packet.d.session_id);
    if (packet.t !== "MESSAGE_REACTION_ADD" && packet.t !== "MESSAGE_REACTION_REMOVE") return;
    const key = dispatchKey(packet.t, packet.d);
    if (pendingIds.size > 1000) pendingIds.clear(); // dispatches discord.js dropped (unknown channel) leave keys behind
    pendingIds.set(key, [...(pendingIds.get(key) ?? []), `${sessions.get(shardId) ?? "nosession"}:${packet.s}`]);
  };

  const takeEventId = (added: boolean, reaction: MessageReaction | PartialMessageReaction, userId: string): string | undefined => {
    const key = dispatchKey(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", { message_id: reaction.message.id, user_id: userId, emoji: reaction.emoji });
    const ids = pendingIds.get(key);
    const id = ids?.shift();
    if (ids && ids.length === 0) pendingIds.delete(key);
    return id;
  };

  const handle = async (added: boolean, reaction: MessageReaction | PartialMessageReaction, rawUser: User | PartialUser, eventId: string | undefined) => {
    if (rawUser.id === client.user?.id) return;
    const emoji = reaction.emoji.name ?? "";
    // Remove events carry no member; an unknown user on an add is fetched to learn whether it is a bot.
    const user = rawUser.partial && added ? await rawUser.fetch() : rawUser;
    if (user.bot) return;
    const { message } = reaction;
    const event: ReactionEvent = {
      kind: "reaction",
      added,
      emoji,
      messageRef: messageRef(message.guildId, message.channelId, message.id),
      ...(eventId ? { eventId } : {}),
      platform: DISCORD_PLATFORM,
      conversation: conversationRef(message.guildId, message.channelId),
      workspace: message.guildId ?? "dm",
      actor: { id: user.id, name: user.username ?? undefined, isBot: user.bot ?? false, canManageChannel: async () => false },
      raw: { messageId: message.id, channelId: message.channelId, emoji },
    };
    await options.gate();
    await options.core.handle(event);
  };

  const listener = (added: boolean) => (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
    const eventId = takeEventId(added, reaction, user.id);
    chain = chain
      .then(() => handle(added, reaction, user, eventId))
      .catch((err: unknown) => logger.warn({ err, messageId: reaction.message.id }, "reaction not recorded"));
  };
  const onAdd = listener(true);
  const onRemove = listener(false);
  client.on(Events.Raw, onRaw);
  client.on(Events.MessageReactionAdd, onAdd);
  client.on(Events.MessageReactionRemove, onRemove);
  return () => {
    client.off(Events.Raw, onRaw);
    client.off(Events.MessageReactionAdd, onAdd);
    client.off(Events.MessageReactionRemove, onRemove);
  };
}

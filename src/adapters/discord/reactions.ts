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
type RawReaction = ReactionPacket & { channel_id: string; guild_id?: string; member?: { user?: { id: string; username?: string; bot?: boolean } } };

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
    const eventId = `${sessions.get(shardId) ?? "nosession"}:${packet.s}`;
    const raw = packet.d as unknown as RawReaction;
    // discord.js drops a reaction in a guild channel it has not cached (an archived digest
    // thread after a restart): even the Channel partial cannot build a thread without its
    // type. Those are handled from the packet itself.
    if (raw.guild_id && !client.channels.cache.has(raw.channel_id)) {
      enqueue(raw.message_id, () => handleUncached(packet.t === "MESSAGE_REACTION_ADD", raw, eventId));
      return;
    }
    const key = dispatchKey(packet.t, packet.d);
    if (pendingIds.size > 1000) pendingIds.clear(); // dispatches discord.js dropped (unknown channel) leave keys behind
    pendingIds.set(key, [...(pendingIds.get(key) ?? []), eventId]);
  };

  const enqueue = (messageId: string, work: () => Promise<void>) => {
    chain = chain.then(work).catch((err: unknown) => logger.warn({ err, messageId }, "reaction not recorded"));
  };

  const handleUncached = async (added: boolean, d: RawReaction, eventId: string) => {
    if (d.user_id === client.user?.id) return;
    const user = d.member?.user ?? (await client.users.fetch(d.user_id));
    if (user.bot) return;
    const emoji = d.emoji.name ?? "";
    await options.gate();
    await options.core.handle({
      kind: "reaction",
      added,
      emoji,
      messageRef: messageRef(d.guild_id, d.channel_id, d.message_id),
      eventId,
      platform: DISCORD_PLATFORM,
      conversation: conversationRef(d.guild_id, d.channel_id),
      workspace: d.guild_id ?? "dm",
      actor: { id: user.id, name: user.username ?? undefined, isBot: user.bot ?? false, canManageChannel: async () => false },
      raw: { messageId: d.message_id, channelId: d.channel_id, emoji },
    });
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
    enqueue(reaction.message.id, () => handle(added, reaction, user, eventId));
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

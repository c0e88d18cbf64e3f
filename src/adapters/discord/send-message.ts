import type { AsyncLocalStorage } from "node:async_hooks";
import type { Client, Message, SendableChannels } from "discord.js";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { SendOptions } from "../../core/chat/chat-adapter.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { discordCode, toSendError } from "./discord-errors.js";
import { messageRef, parseRef } from "./discord-refs.js";
import { DISCORD_LIMITS } from "./discord-limits.js";
import { truncate } from "./escape-text.js";
import { nonceOf } from "./look-up-message.js";
import { renderMessage } from "./render-message.js";
import type { UnknownGuildChannels } from "./unknown-guild-channels.js";

/** What a send uses beyond the client: where its onRequest goes as the request leaves, and kept channels of guilds the client has no shard for. */
export interface SendContext {
  /** Where the client's request function finds the send's onRequest (see newDiscordClient); absent: onRequest is called just before the send. */
  departures?: AsyncLocalStorage<() => void>;
  /** Channels of unknown guilds, kept between sends. */
  channels?: UnknownGuildChannels;
}

/** Discord's "a thread already exists for this message". */
const THREAD_EXISTS = 160004;

/**
 * The channel, fetched when not cached. A guild this client has no gateway shard for (another
 * instance runs it, or this is the gateway-less posting client) is not in its cache, so its
 * channels are built without the guild and kept in `channels`: posting needs only REST.
 */
async function sendableChannel(client: Client, channelId: string, guildId: string | null, channels?: UnknownGuildChannels): Promise<SendableChannels> {
  const unknown = guildId !== null && !client.guilds.cache.has(guildId);
  const kept = unknown ? channels?.get(channelId) : undefined;
  if (kept) return kept;
  const channel = await client.channels.fetch(channelId, { allowUnknownGuild: unknown });
  if (!channel?.isSendable()) throw new SendError(`Channel ${channelId} cannot take messages`, { permanent: true, reason: "not_a_text_channel" });
  if (unknown) channels?.set(channelId, channel);
  return channel;
}

function threadName(parent: Message): string {
  const line = (parent.embeds[0]?.title ?? parent.content).split("\n")[0] ?? "";
  const plain = line.replace(/^-#\s*/, "").replace(/\\(.)/g, "$1").replace(/[*_`~|]/g, "").trim();
  return truncate(plain || "Papers", DISCORD_LIMITS.choiceText);
}

/** The thread under `threadOf` (a message reference), started when it does not exist yet; its id equals the message id. */
async function threadFor(client: Client, threadOf: string, channels?: UnknownGuildChannels): Promise<SendableChannels> {
  const ref = parseRef(threadOf);
  if (!ref?.messageId) throw new SendError(`Not a Discord message reference: ${threadOf}`, { permanent: true, reason: "bad_reference" });
  const guildId = ref.guildId === "dm" ? null : ref.guildId;
  const parent = await sendableChannel(client, ref.channelId, guildId, channels);
  const message = await parent.messages.fetch(ref.messageId);
  if (message.thread) return message.thread;
  try {
    return await message.startThread({ name: threadName(message) });
  } catch (err) {
    if (discordCode(err) !== THREAD_EXISTS) throw err;
    return sendableChannel(client, ref.messageId, guildId);
  }
}

/**
 * Posts `message` to a conversation (or the thread of `options.threadOf`), split into as
 * many Discord messages as the limits need, and returns the FIRST message's reference (the
 * one reactions map to). Once the first message is out, a later part failing is logged,
 * not thrown, so a retry never duplicates the post. `options.onRequest` is called as the first
 * message's request leaves, through `context.departures` (the client's request function calls
 * it, after any wait for the shared budget), or just before the send without it. Throws SendError.
 */
export async function sendToConversation(client: Client, conversation: string, message: OutboundMessage, options: SendOptions, logger: Logger, context: SendContext = {}): Promise<string> {
  const { departures, channels } = context;
  const ref = parseRef(conversation);
  if (!ref || ref.messageId) throw new SendError(`Not a Discord conversation: ${conversation}`, { permanent: true, reason: "bad_reference" });
  const guildId = ref.guildId === "dm" ? null : ref.guildId;
  let first: string | null = null;
  try {
    const channel = options.threadOf ? await threadFor(client, options.threadOf, channels) : await sendableChannel(client, ref.channelId, guildId, channels);
    let part = 0;
    for (const { flags: _ephemeralOnlyInReplies, ...payload } of renderMessage(message)) {
      // The nonce lets Discord return the existing message if this exact part is sent again.
      const nonce = options.dedupeKey ? { nonce: nonceOf(conversation, options.dedupeKey, part), enforceNonce: true } : {};
      const onRequest = part === 0 ? options.onRequest : undefined;
      part += 1;
      const send = () => channel.send({ ...payload, ...nonce });
      if (onRequest && !departures) onRequest();
      const sent = await (onRequest && departures ? departures.run(onRequest, send) : send());
      first ??= messageRef(guildId, channel.id, sent.id);
    }
  } catch (err) {
    if (first === null) {
      channels?.delete(ref.channelId); // gone or out of reach: fetch it afresh next time
      throw toSendError(err);
    }
    logger.warn({ conversation, first, err: toSendError(err).message }, "a later part of a split message failed");
  }
  if (first === null) throw new SendError("Nothing was rendered to send", { permanent: true, reason: "empty_message" });
  return first;
}

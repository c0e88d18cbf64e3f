import { createHash } from "node:crypto";
import { Routes, type APIMessage, type Client } from "discord.js";
import type { LookUpRequest, LookUpResult } from "../../core/chat/chat-adapter.js";
import { discordCode } from "./discord-errors.js";
import { messageRef, parseRef } from "./discord-refs.js";
import { renderMessage } from "./render-message.js";

/** Discord's epoch (2015-01-01), ms: snowflakes count from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** Pages of 100 read back at most (a digest is far shorter). */
const MAX_PAGES = 10;
/** Codes meaning "the bot may not read this channel's history". */
const NO_HISTORY = new Set([50001, 50013]);

/** The `nonce` of part `part` of a send: at most 25 characters, the same for every retry of that ledger item. */
export function nonceOf(conversation: string, dedupeKey: string, part: number): string {
  return createHash("sha256").update(`${conversation}\n${dedupeKey}\n${part}`).digest("hex").slice(0, 25);
}

/** The smallest snowflake of `iso`, for `?after=`. */
function snowflakeAt(iso: string): string {
  const ms = BigInt(new Date(iso).getTime());
  return ((ms - DISCORD_EPOCH - 1n) << 22n).toString();
}

/** What identifies a rendered message when the platform keeps no key: its text and first embed's title and link. */
function signature(content: string | undefined, embed: { title?: string; url?: string } | undefined): string {
  return JSON.stringify([content ?? "", embed?.title ?? "", embed?.url ?? ""]);
}

/**
 * Looks an in-doubt send up by reading back the bot's messages in the channel (or thread)
 * posted since the run began, matching on the nonce where the API returns it and on the
 * rendered first part otherwise. Needs View Channel + Read Message History; without them it
 * answers unavailable with that fix.
 */
export async function lookUpMessage(client: Client, request: LookUpRequest): Promise<LookUpResult> {
  const conv = parseRef(request.conversation);
  const thread = request.threadOf ? parseRef(request.threadOf) : null;
  if (!conv) return { kind: "unavailable", fix: `${request.conversation} is not a Discord conversation` };
  const channelId = thread?.messageId ?? conv.channelId;
  const guildId = conv.guildId === "dm" ? null : conv.guildId;
  const first = renderMessage(request.message)[0];
  const wanted = first ? signature(first.content, first.embeds[0]) : null;
  const nonce = nonceOf(request.conversation, request.dedupeKey, 0);
  const botId = client.user?.id;
  let after = snowflakeAt(request.since);
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = (await client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: "100" }) })) as APIMessage[];
      if (batch.length === 0) return { kind: "absent" };
      for (const m of batch) {
        if (botId && m.author.id !== botId) continue;
        if (m.nonce === nonce || (wanted !== null && signature(m.content, m.embeds[0]) === wanted)) return { kind: "found", ref: messageRef(guildId, channelId, m.id) };
      }
      after = batch.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
    }
    return { kind: "absent" };
  } catch (err) {
    const code = discordCode(err);
    if (code === 10003 && thread) return { kind: "absent" };
    if (code !== null && NO_HISTORY.has(code)) return { kind: "unavailable", fix: `give the bot View Channel and Read Message History in channel ${channelId}` };
    throw err;
  }
}

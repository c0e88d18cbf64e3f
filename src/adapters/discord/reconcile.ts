import type { Client, MessageReaction } from "discord.js";
import type { Clock } from "../../core/clock.js";
import { emojiMatcher } from "../../core/votes/normalize-emoji.js";
import { reconcileReactions } from "../../core/votes/record-reaction.js";
import type { ReactionDeps } from "../../core/votes/record-reaction.js";
import { GONE_CODES, discordCode } from "./discord-errors.js";
import { parseRef } from "./discord-refs.js";

/** What the start-up reconcile did. */
export interface ReconcileSummary {
  /** Digest paper messages looked at. */
  messages: number;
  /** Votes added for reactions cast while the bot was down. */
  added: number;
  /** Reaction votes removed because the reaction was withdrawn. */
  removed: number;
  /** Messages skipped: deleted, or in a channel the bot can no longer see. */
  skipped: number;
}

/** What reconcileRecent needs. */
export interface ReconcileOptions {
  /** A logged-in client. */
  client: Client;
  /** Vote store, ledger, replay store and logger. */
  deps: ReactionDeps & { clock: Clock };
  /** Emoji that count as upvotes. */
  upvoteEmoji: string[];
  /** How many days back to look (default 7). */
  days: number;
}

/** Page size of `GET /channels/{c}/messages/{m}/reactions/{emoji}` (Discord's maximum). */
const USERS_PAGE = 100;

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
 * After a restart, makes reaction votes match the reactions now on the last `days` days of
 * Discord digest messages (fetched through REST), so votes cast while the bot was down count
 * and withdrawn ones are removed. Gone messages are skipped. Sequential: discord.js paces it.
 */
export async function reconcileRecent(options: ReconcileOptions): Promise<ReconcileSummary> {
  const { client, deps } = options;
  const isUpvote = emojiMatcher(options.upvoteEmoji);
  const since = new Date(deps.clock.now().getTime() - options.days * 86_400_000).toISOString();
  const summary: ReconcileSummary = { messages: 0, added: 0, removed: 0, skipped: 0 };
  for (const item of deps.ledger.paperMessagesSince(since)) {
    const ref = item.messageRef ? parseRef(item.messageRef) : null;
    if (!item.messageRef || !ref?.messageId) continue;
    summary.messages += 1;
    try {
      const channel = await client.channels.fetch(ref.channelId);
      if (!channel?.isTextBased()) {
        summary.skipped += 1;
        continue;
      }
      const message = await channel.messages.fetch({ message: ref.messageId, force: true });
      const users = new Set<string>();
      for (const reaction of message.reactions.cache.values()) {
        if (!isUpvote(reaction.emoji.name ?? "")) continue;
        for (const id of await reactingUsers(reaction, client.user?.id)) users.add(id);
      }
      const result = reconcileReactions(deps, item.messageRef, ref.guildId, [...users], deps.clock.now().toISOString());
      summary.added += result.added;
      summary.removed += result.removed;
    } catch (err) {
      summary.skipped += 1;
      const code = discordCode(err);
      if (code !== null && GONE_CODES.has(code)) deps.logger.debug({ messageRef: item.messageRef, code }, "digest message gone; reactions not reconciled");
      else deps.logger.warn({ messageRef: item.messageRef, err }, "could not reconcile reactions");
    }
  }
  deps.logger.info({ ...summary }, "reaction reconcile finished");
  return summary;
}

import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import { emojiMatcher } from "../../core/votes/normalize-emoji.js";
import { reconcileReactions, type ReactionDeps } from "../../core/votes/record-reaction.js";
import { classifySlackError } from "./post-message.js";
import { parseSlackRef } from "./slack-refs.js";

/** What a start-up reconcile did. */
export interface ReconcileSummary {
  /** Digest paper messages of this workspace looked at. */
  messages: number;
  /** Votes added for reactions made while the bot was down. */
  added: number;
  /** Reaction votes removed because the reaction is gone. */
  removed: number;
  /** Messages whose reactions could not be read (deleted, channel gone, no access). */
  failed: number;
}

/** What reconcileSlackReactions needs. */
export interface ReconcileInput {
  /** Bot-token Web API client. */
  client: webApi.WebClient;
  /** Votes, ledger, replay protection and logger of the core. */
  deps: ReactionDeps;
  /** Reactions that count as upvotes. */
  upvoteEmoji: string[];
  /** This installation's workspace; other workspaces' messages are skipped. */
  teamId: string;
  /** The bot's own user id; its reactions never count. */
  botUserId: string | null;
  /** Look at digest messages sent since this instant, ISO 8601. */
  sinceIso: string;
  /** Vote timestamp, ISO 8601. */
  nowIso: string;
  /** Logger. */
  logger: Logger;
}

/**
 * After a restart, reads the current reactions of every digest paper message of the last
 * days (`reactions.get`, full user lists) and makes the reaction votes match them, so
 * reactions added or removed while the bot was down are not lost.
 */
export async function reconcileSlackReactions(input: ReconcileInput): Promise<ReconcileSummary> {
  const isUpvote = emojiMatcher(input.upvoteEmoji);
  const summary: ReconcileSummary = { messages: 0, added: 0, removed: 0, failed: 0 };
  for (const item of input.deps.ledger.paperMessagesSince(input.sinceIso)) {
    const ref = item.messageRef ? parseSlackRef(item.messageRef) : null;
    if (!ref?.ts || ref.teamId !== input.teamId) continue;
    summary.messages += 1;
    try {
      const result = await input.client.reactions.get({ channel: ref.channelId, timestamp: ref.ts, full: true });
      const users = new Set<string>();
      for (const reaction of result.message?.reactions ?? []) {
        if (!reaction.name || !isUpvote(reaction.name)) continue;
        for (const user of reaction.users ?? []) if (user !== input.botUserId) users.add(user);
      }
      const outcome = reconcileReactions(input.deps, item.messageRef!, input.teamId, [...users], input.nowIso);
      summary.added += outcome.added;
      summary.removed += outcome.removed;
    } catch (err) {
      summary.failed += 1;
      input.logger.debug({ messageRef: item.messageRef, reason: classifySlackError(err).reason }, "could not read reactions of a digest message");
    }
  }
  return summary;
}

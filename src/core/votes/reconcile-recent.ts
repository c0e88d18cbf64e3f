import type { ReconcileRequest, ReconcileSummary } from "../chat/chat-adapter.js";
import type { Clock } from "../clock.js";
import { emojiMatcher } from "./normalize-emoji.js";
import { reconcileReactions, type PresentReaction, type ReactionDeps } from "./record-reaction.js";

/** What reconcileRecent needs: the reaction ports plus "now" and the emoji that count. */
export interface ReconcileDeps extends ReactionDeps {
  /** Source of "now" (the look-back window and vote timestamps). */
  clock: Clock;
  /** Emoji that count as an upvote. */
  upvoteEmoji: readonly string[];
}

/**
 * After a restart, makes reaction votes match the reactions now on the last `days` days of
 * digest paper messages, so votes cast while the bot was down count and withdrawn ones are
 * removed. The adapter only lists a message's reactions (`request.list`); which emoji count
 * and what the votes become is decided here, once for every platform. Messages the lister
 * does not own are passed over; ones it cannot read are counted as skipped. Sequential, so
 * the platform's own client paces the reads.
 */
export async function reconcileRecent(deps: ReconcileDeps, request: ReconcileRequest): Promise<ReconcileSummary> {
  const since = new Date(deps.clock.now().getTime() - request.days * 86_400_000).toISOString();
  const isUpvote = emojiMatcher(deps.upvoteEmoji);
  const summary: ReconcileSummary = { messages: 0, added: 0, removed: 0, skipped: 0 };
  for (const item of await deps.ledger.paperMessagesSince(since)) {
    if (!item.messageRef) continue;
    let listed;
    try {
      listed = await request.list(item.messageRef);
      if (listed === null) continue;
    } catch (err) {
      summary.messages += 1;
      summary.skipped += 1;
      deps.logger.debug({ messageRef: item.messageRef, reason: (err as Error).message }, "could not read the reactions of a digest message");
      continue;
    }
    summary.messages += 1;
    try {
      const present: PresentReaction[] = [];
      for (const reaction of listed.reactions) {
        if (isUpvote(reaction.emoji)) present.push({ emoji: reaction.emoji, users: await reaction.users() });
      }
      const result = await reconcileReactions(deps, item.messageRef, listed.workspace, present, deps.clock.now().toISOString());
      summary.added += result.added;
      summary.removed += result.removed;
    } catch (err) {
      summary.skipped += 1;
      deps.logger.debug({ messageRef: item.messageRef, reason: (err as Error).message }, "could not read the reactions of a digest message");
    }
  }
  deps.logger.info({ ...summary }, "reaction reconcile finished");
  return summary;
}

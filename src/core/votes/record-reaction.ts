import type { ReactionEvent } from "../chat/message.js";
import type { DeliveryLedger } from "../digest/delivery-ledger.js";
import type { Logger } from "../logger.js";
import type { ProcessedEvents } from "./processed-events.js";
import type { VoteStore } from "./vote-store.js";
import { emojiMatcher } from "./normalize-emoji.js";

/** What a reaction did. */
export type ReactionOutcome = "counted" | "removed" | "unchanged" | "duplicate-event" | "not-an-upvote" | "not-a-paper" | "bot";

/** What recordReaction needs. */
export interface ReactionDeps {
  /** Where votes go. */
  votes: VoteStore;
  /** Maps message references back to papers. */
  ledger: DeliveryLedger;
  /** Replay protection. */
  events: ProcessedEvents;
  /** Logger. */
  logger: Logger;
  /** Told of each upvote counted or removed by a reaction (the channel's topic feedback follows it); must not throw. */
  onVote?: (vote: { conversation: string; paperId: string; userId: string; added: boolean }) => Promise<void>;
}

/**
 * Turns a reaction on a digest paper message into an upvote (or its removal). Bots,
 * other emoji, messages that are not digest papers and replayed events change nothing.
 */
export async function recordReaction(deps: ReactionDeps, event: ReactionEvent, upvoteEmoji: readonly string[], now: string): Promise<ReactionOutcome> {
  if (event.actor.isBot) return "bot";
  if (!emojiMatcher(upvoteEmoji)(event.emoji)) return "not-an-upvote";
  const item = await deps.ledger.findByMessageRef(event.messageRef);
  if (!item?.paperId) {
    deps.logger.debug({ messageRef: event.messageRef }, "reaction on a message that is not a digest paper");
    return "not-a-paper";
  }
  if (event.eventId && !(await deps.events.markIfNew(`${event.platform}:${event.eventId}`))) return "duplicate-event";
  if (event.added) {
    const added = await deps.votes.add({ paperId: item.paperId, conversation: item.conversation, workspace: event.workspace, userId: event.actor.id, via: "reaction", at: now });
    if (added) await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId: event.actor.id, added: true });
    return added ? "counted" : "unchanged";
  }
  const removed = await deps.votes.remove(item.conversation, item.paperId, event.actor.id);
  if (removed) await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId: event.actor.id, added: false });
  return removed ? "removed" : "unchanged";
}

/**
 * After a restart, makes the reaction votes of one digest message match the users who
 * react to it now (fetched by the adapter): adds the missing, removes the withdrawn.
 * Votes cast by command or button are left alone.
 */
export async function reconcileReactions(deps: ReactionDeps, messageRef: string, workspace: string, reactingUsers: string[], now: string): Promise<{ added: number; removed: number }> {
  const item = await deps.ledger.findByMessageRef(messageRef);
  if (!item?.paperId) return { added: 0, removed: 0 };
  const present = new Set(reactingUsers);
  let added = 0;
  let removed = 0;
  for (const userId of present) {
    if (await deps.votes.add({ paperId: item.paperId, conversation: item.conversation, workspace, userId, via: "reaction", at: now })) {
      added += 1;
      await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId, added: true });
    }
  }
  for (const userId of await deps.votes.reactionVoters(item.conversation, item.paperId)) {
    if (!present.has(userId) && (await deps.votes.remove(item.conversation, item.paperId, userId))) {
      removed += 1;
      await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId, added: false });
    }
  }
  if (added || removed) deps.logger.info({ messageRef, paperId: item.paperId, added, removed }, "reconciled reactions");
  return { added, removed };
}

import type { ReactionEvent } from "../chat/message.js";
import type { DeliveryLedger } from "../digest/delivery-ledger.js";
import type { Logger } from "../logger.js";
import type { ProcessedEvents } from "./processed-events.js";
import type { VoteStore } from "./vote-store.js";
import { emojiMatcher, normalizeEmoji } from "./normalize-emoji.js";

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

/** The vote source a reaction is: one per message and emoji, so 👍 and ⬆️ on one message are two sources of one vote. */
export function reactionSource(messageRef: string, emoji: string): string {
  return `reaction:${messageRef}:${normalizeEmoji(emoji)}`;
}

/** Reaction sources from before sources were kept (the migration); the reconcile of any message of the paper replaces them. */
const LEGACY_SOURCE = "reaction:legacy";

/**
 * Turns a reaction on a digest paper message into a source of an upvote (or withdraws that
 * source). The vote is one per person per paper per channel and stays while any source
 * holds it: another upvote emoji, the same paper's other messages, the button, the command.
 * Bots, other emoji, messages that are not digest papers and replayed events change nothing.
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
  const source = reactionSource(event.messageRef, event.emoji);
  if (event.added) {
    const added = await deps.votes.add({ paperId: item.paperId, conversation: item.conversation, workspace: event.workspace, userId: event.actor.id, via: "reaction", at: now, source });
    if (added) await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId: event.actor.id, added: true });
    return added ? "counted" : "unchanged";
  }
  const removed = await deps.votes.remove(item.conversation, item.paperId, event.actor.id, source);
  if (removed) await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId: event.actor.id, added: false });
  return removed ? "removed" : "unchanged";
}

/** One emoji's reactors on a message, as the reconcile hands them over (only emoji that count). */
export interface PresentReaction {
  /** Emoji name or character. */
  emoji: string;
  /** Who reacts with it now. */
  users: readonly string[];
}

/**
 * After a restart, makes the reaction sources of one digest message match the reactions on
 * it now (fetched by the adapter): adds the missing, withdraws the gone. The vote follows its
 * sources exactly as live handling does, so a vote also held by the button, the command or
 * another message stays. Returns the votes that became held or stopped being held.
 */
export async function reconcileReactions(deps: ReactionDeps, messageRef: string, workspace: string, reactions: readonly PresentReaction[], now: string): Promise<{ added: number; removed: number }> {
  const item = await deps.ledger.findByMessageRef(messageRef);
  if (!item?.paperId) return { added: 0, removed: 0 };
  const present = new Map<string, { userId: string; source: string }>();
  for (const reaction of reactions) {
    const source = reactionSource(messageRef, reaction.emoji);
    for (const userId of reaction.users) present.set(`${userId}\n${source}`, { userId, source });
  }
  let added = 0;
  let removed = 0;
  for (const { userId, source } of present.values()) {
    if (await deps.votes.add({ paperId: item.paperId, conversation: item.conversation, workspace, userId, via: "reaction", at: now, source })) {
      added += 1;
      await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId, added: true });
    }
  }
  const ours = `reaction:${messageRef}:`;
  for (const held of await deps.votes.reactionSources(item.conversation, item.paperId)) {
    if (!(held.source.startsWith(ours) || held.source === LEGACY_SOURCE || held.source === "reaction")) continue;
    if (present.has(`${held.userId}\n${held.source}`)) continue;
    if (await deps.votes.remove(item.conversation, item.paperId, held.userId, held.source)) {
      removed += 1;
      await deps.onVote?.({ conversation: item.conversation, paperId: item.paperId, userId: held.userId, added: false });
    }
  }
  if (added || removed) deps.logger.info({ messageRef, paperId: item.paperId, added, removed }, "reconciled reactions");
  return { added, removed };
}

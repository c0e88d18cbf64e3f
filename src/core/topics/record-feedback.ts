import type { PaperStore } from "../papers/paper-store.js";
import type { Paper } from "../papers/paper.js";
import type { FeedbackChange, FeedbackVote } from "./channel-feedback.js";
import { bestClause } from "./hybrid-score.js";
import { preparePaper } from "./prepare-paper.js";
import type { SubscriptionStore } from "./subscription-store.js";
import { matchTopics, prepareTopics, type PreparedTopic } from "./topic-matcher.js";
import type { TopicPorts } from "./topic-ports.js";

/** What recording feedback reads and writes. */
export interface RecordFeedbackDeps {
  /** The voted paper. */
  papers: PaperStore;
  /** The conversation's topics. */
  subscriptions: SubscriptionStore;
  /** Where feedback goes, and the matcher's signals. */
  topics: TopicPorts;
}

/** One vote to record. */
export interface FeedbackInput {
  /** Conversation the vote was cast in. */
  conversation: string;
  /** The paper (stored), or its id. */
  paper: Paper | string;
  /** Who voted. */
  actor: { id: string; isBot?: boolean };
  /** `up` (upvote, reaction, Upvote button), `more` ("More like this") or `less` ("Not this"). */
  kind: FeedbackVote["kind"];
  /** When, ISO 8601. */
  at: string;
}

/** What a vote did, per topic it counted for. */
export type FeedbackOutcome =
  /** Bots never count. */
  | { kind: "bot" }
  /** The conversation follows no topics: there is no topic to adjust. */
  | { kind: "no-topics" }
  /** The paper is not stored (an old message). */
  | { kind: "no-paper" }
  /** The paper shares no words with any topic followed here: nothing to adjust. */
  | { kind: "unrelated"; topics: string[] }
  /** Recorded for these topics. */
  | { kind: "recorded"; paper: Paper; changes: { topic: string; key: string; change: FeedbackChange }[] };

/**
 * The topics a vote on `paper` counts for: the conversation's topics that match it (with
 * every signal), else the one whose words come closest (a near miss someone wants more of),
 * else none. A vote never spreads over unrelated topics.
 */
export async function feedbackTopics(ports: TopicPorts, prepared: readonly PreparedTopic[], paper: Paper): Promise<PreparedTopic[]> {
  const verdict = (await matchTopics(ports, prepared, [paper])).get(paper.id);
  if (verdict) return prepared.filter((t) => verdict.topics.includes(t.topic));
  const tokens = preparePaper(paper);
  const scored = prepared.map((t) => ({ t, lexical: bestClause(t.compiled, tokens) })).filter((s) => s.lexical > 0);
  scored.sort((a, b) => b.lexical - a.lexical);
  return scored.slice(0, 1).map((s) => s.t);
}

/**
 * Records one piece of channel feedback on a paper for the topics it counts for (see
 * feedbackTopics): one per person per paper and topic, the latest kind wins; bots are
 * ignored. The profile's damping and clamps bound what any number of votes can do.
 */
export async function recordFeedback(deps: RecordFeedbackDeps, input: FeedbackInput): Promise<FeedbackOutcome> {
  if (input.actor.isBot) return { kind: "bot" };
  const subs = await deps.subscriptions.list(input.conversation);
  if (subs.length === 0) return { kind: "no-topics" };
  const paper = typeof input.paper === "string" ? await deps.papers.get(input.paper) : input.paper;
  if (!paper) return { kind: "no-paper" };
  const prepared = await prepareTopics(deps.topics, input.conversation, subs.map((s) => s.topic));
  const targets = await feedbackTopics(deps.topics, prepared, paper);
  if (targets.length === 0) return { kind: "unrelated", topics: subs.map((s) => s.topic) };
  const vote: FeedbackVote = { actor: { id: input.actor.id, isBot: false }, paper: { id: paper.id, title: paper.title, aiKeywords: paper.aiKeywords }, kind: input.kind };
  const changes = [];
  for (const t of targets) changes.push({ topic: t.topic, key: t.key, change: await deps.topics.feedback.add(input.conversation, t.key, vote, input.at) });
  return { kind: "recorded", paper, changes };
}

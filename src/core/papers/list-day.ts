import { endSentence } from "../chat/end-sentence.js";
import { utcDay } from "../clock.js";
import type { Clock } from "../clock.js";
import { BotError } from "../errors.js";
import { checkQueryWords } from "../topics/check-query-words.js";
import { matchTopics, prepareTopics } from "../topics/topic-matcher.js";
import type { TopicPorts } from "../topics/topic-ports.js";
import { parseTopicQuery } from "../topics/parse-topic-query.js";
import type { TopicQuery } from "../topics/topic-query.js";
import type { VoteStore } from "../votes/vote-store.js";
import type { Paper } from "./paper.js";
import type { PaperStore } from "./paper-store.js";
import { LISTING_LOCAL_VOTE_WEIGHT, rankPapers } from "./rank-papers.js";

/** One ranked entry of a day's listing. */
export interface RankedPaper {
  /** The paper. */
  paper: Paper;
  /** Votes cast in the asking conversation. */
  localVotes: number;
  /** Ranking score: rankPapers' blend of HF upvotes, local votes and (with a topic) the match score. */
  score: number;
  /** Why it matched the topic filter, or null without one. */
  matched: string | null;
}

/** A day's listing, or why there is none. */
export type DayListing =
  | { kind: "papers"; day: string; query: TopicQuery | null; total: number; papers: RankedPaper[] }
  | { kind: "empty"; day: string | null; query: TopicQuery | null; reason: string };

/** Options for listDay. */
export interface ListDayOptions {
  /** Day to list (YYYY-MM-DD); default: the latest HF day on or before today (UTC). */
  date?: string;
  /** Topic filter text. */
  topic?: string;
  /** Most entries returned (the total is still reported). */
  limit: number;
  /** Conversation whose votes join the ranking; null for none. */
  conversation: string | null;
}

/** The day's HF Daily Papers ranked like the digest (rankPapers: log-scaled HF upvotes plus local votes), optionally filtered by topic with the digest's matcher (the conversation's learned terms and feedback, and embeddings when configured). */
export async function listDay(deps: { papers: PaperStore; votes: VoteStore; clock: Clock; topics: TopicPorts }, options: ListDayOptions): Promise<DayListing> {
  const { papers, votes, clock } = deps;
  const today = utcDay(clock.now());
  if (options.date && options.date > today) throw new BotError("INVALID_ARGS", `${options.date} is in the future; pick ${today} or an earlier day.`);
  if (options.topic) checkQueryWords(options.topic, "today");
  const query = options.topic ? parseTopicQuery(options.topic) : null;
  const day = options.date ?? (await papers.latestDailyDay(today));
  if (!day) return { kind: "empty", day: null, query, reason: "No papers are stored yet. Run `papers ingest` (or start the bot online) to fetch today's list." };
  let list = await papers.listDaily(day);
  if (list.length === 0) {
    const latest = await papers.latestDailyDay(day);
    const hint = latest ? ` The latest day with papers before it is ${latest}: try /papers today ${latest}.` : "";
    return { kind: "empty", day, query, reason: `No papers listed for ${day}. Hugging Face lists fill between 00:00 and 07:00 UTC.${hint}` };
  }
  const matched = new Map<string, { why: string; score: number }>();
  if (query) {
    const verdicts = await matchTopics(deps.topics, await prepareTopics(deps.topics, options.conversation, [query.raw]), list);
    for (const [id, v] of verdicts) matched.set(id, { why: v.why, score: v.score });
    list = list.filter((p) => matched.has(p.id));
    if (list.length === 0) {
      return { kind: "empty", day, query, reason: `${endSentence(`None of the ${day} papers is about ${query.raw}`)} Try a broader topic, or /papers search ${query.raw} for older papers.` };
    }
  }
  const counts = options.conversation ? await votes.counts({ conversation: options.conversation }, list.map((p) => p.id)) : new Map<string, number>();
  // The digest's formula (rankPapers), so /papers today and the daily post order papers alike.
  const ranked = rankPapers(
    list.map((paper) => {
      const match = matched.get(paper.id);
      return { paper, localVotes: counts.get(paper.id) ?? 0, matchScore: match?.score ?? null, matched: match?.why ?? null };
    }),
    LISTING_LOCAL_VOTE_WEIGHT,
  );
  return { kind: "papers", day, query, total: ranked.length, papers: ranked.slice(0, options.limit) };
}

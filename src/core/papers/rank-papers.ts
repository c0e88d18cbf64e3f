import type { Paper } from "./paper.js";

/** A candidate paper with the signals the digest ranks on. */
export interface RankInput {
  /** The paper. */
  paper: Paper;
  /** Upvotes cast in this workspace (reactions, buttons, the upvote command). */
  localVotes: number;
  /** Best topic match score for topic channels (≥ 1.5 when it matched); null for all-papers channels. */
  matchScore: number | null;
  /** "matched: ..." explanation for topic channels; null otherwise. */
  matched: string | null;
}

/** A ranked candidate. */
export interface RankedCandidate extends RankInput {
  /** The blended score, higher first (see rankPapers). */
  score: number;
}

/** Weight of local votes in a digest: this workspace's own votes relative to HF upvotes (per log unit). */
export const LOCAL_VOTE_WEIGHT = 1.5;
/** Weight of local votes in a chat listing (`/papers today`): this channel's votes nudge the day's HF order rather than overturn it. */
export const LISTING_LOCAL_VOTE_WEIGHT = 0.5;
/** Weight of the topic match score (title 3 + keywords 2 + abstract ≤ 2.5 per matching clause). */
export const MATCH_WEIGHT = 0.4;

/**
 * Ranks papers, for the daily digest and for `/papers today` alike, by
 *
 *   score = ln(1 + hfUpvotes) + w × ln(1 + localVotes) + 0.4 × matchScore
 *
 * HF upvotes are log-scaled so a 300-vote paper does not bury everything else (118 vs 8
 * votes is 4.8 vs 2.2, not 15×); papers not on HF count 0. The local-vote weight `w` is the
 * formula's one parameter. A digest uses 1.5 (LOCAL_VOTE_WEIGHT): the workspace's votes are
 * this audience's own taste, so 3 votes here (+2.1) are worth about as much as going from 0
 * to 7 HF upvotes. A chat listing of one day uses 0.5 (LISTING_LOCAL_VOTE_WEIGHT): it shows
 * that day's HF list, and a channel's handful of votes lifts a paper past its neighbours
 * without overturning the list (7 votes on a 3-upvote paper still rank it below an 11-upvote
 * one). The match term exists only with a topic: a title hit (3) adds 1.2, so a paper
 * squarely on topic beats a slightly more popular one that merely mentions the topic. Ties
 * break by paper id, ascending, so the order is deterministic.
 */
export function rankPapers(candidates: readonly RankInput[], localVoteWeight = LOCAL_VOTE_WEIGHT): RankedCandidate[] {
  return candidates
    .map((c) => ({ ...c, score: blendScore(c, localVoteWeight) }))
    .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0));
}

/** The blended score of one candidate (the formula in rankPapers), rounded to 1e-9 so float noise never decides order. */
export function blendScore(c: RankInput, localVoteWeight = LOCAL_VOTE_WEIGHT): number {
  const raw = Math.log1p(Math.max(0, c.paper.hfUpvotes ?? 0)) + localVoteWeight * Math.log1p(Math.max(0, c.localVotes)) + MATCH_WEIGHT * (c.matchScore ?? 0);
  return Math.round(raw * 1e9) / 1e9;
}

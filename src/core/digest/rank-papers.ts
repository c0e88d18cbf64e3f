import type { Paper } from "../papers/paper.js";

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

/** Weight of this workspace's own votes relative to HF upvotes (per log unit). */
export const LOCAL_VOTE_WEIGHT = 1.5;
/** Weight of the topic match score (title 3 + keywords 2 + abstract ≤ 2.5 per matching clause). */
export const MATCH_WEIGHT = 0.4;

/**
 * Ranks a digest's candidates by
 *
 *   score = ln(1 + hfUpvotes) + 1.5 × ln(1 + localVotes) + 0.4 × matchScore
 *
 * HF upvotes are log-scaled so a 300-vote paper does not bury everything else (118 vs 8
 * votes is 4.8 vs 2.2, not 15×); papers not on HF count 0. Local votes weigh 1.5× because
 * they are this audience's own taste: 3 votes here (+2.1) are worth about as much as going
 * from 0 to 7 HF upvotes. The match term only exists on topic channels: a title hit (3) adds
 * 1.2, so a paper squarely on topic beats a slightly more popular one that merely mentions
 * the topic. Ties break by paper id, ascending, so the order is deterministic.
 */
export function rankPapers(candidates: readonly RankInput[]): RankedCandidate[] {
  return candidates
    .map((c) => ({ ...c, score: blendScore(c) }))
    .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0));
}

/** The blended score of one candidate (the formula in rankPapers), rounded to 1e-9 so float noise never decides order. */
export function blendScore(c: RankInput): number {
  const raw = Math.log1p(Math.max(0, c.paper.hfUpvotes ?? 0)) + LOCAL_VOTE_WEIGHT * Math.log1p(Math.max(0, c.localVotes)) + MATCH_WEIGHT * (c.matchScore ?? 0);
  return Math.round(raw * 1e9) / 1e9;
}

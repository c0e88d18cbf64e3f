import { paperTerms } from "./learn-associations.js";
import type { MatchablePaper } from "./prepare-paper.js";

/**
 * Feedback from a channel on its topic's posts (upvotes and reactions, "more like this",
 * "not this"), turned into term weights Rocchio-style: a term's weight is
 * β × (share of liked papers holding it) − γ × (share of disliked papers holding it), damped by
 * n/(n+k) for n votes. Bounded by construction: shares are at most 1, so a flood of votes
 * cannot push a term past β or −γ, and a paper's total adjustment is clamped to ±MAX_ADJUSTMENT,
 * below the match threshold, so feedback reorders and trims near-threshold papers but never
 * makes an off-topic paper match alone. Bots and repeated votes of one person on one paper do
 * not count.
 */

/** Weight of liked papers' terms (Rocchio β). */
export const FEEDBACK_BETA = 0.5;
/** Weight of disliked papers' terms (Rocchio γ): "not this" counts more, as precision matters more. */
export const FEEDBACK_GAMMA = 0.75;
/** Damping constant k in n/(n+k): one vote has a quarter of the full effect. */
export const FEEDBACK_DAMPING = 3;
/** Most a paper's score can move, up or down, from feedback. */
export const MAX_ADJUSTMENT = 0.75;

/** One piece of feedback on a paper posted for a topic in a conversation. */
export interface FeedbackVote {
  /** Who gave it; bots never count. */
  actor: { id: string; isBot: boolean };
  /** The paper voted on. */
  paper: Pick<MatchablePaper, "id" | "title" | "aiKeywords">;
  /** `up` (upvote or reaction) and `more` are positive, `less` ("not this") is negative. */
  kind: "up" | "more" | "less";
}

/** A conversation's learned term weights for one topic. */
export interface FeedbackProfile {
  /** Term (as paperTerms keys it) → weight, in score points per term present. */
  weights: ReadonlyMap<string, number>;
  /** Votes that counted (after dropping bots and repeats). */
  votes: number;
}

/** An empty profile. */
export const NO_FEEDBACK: FeedbackProfile = { weights: new Map(), votes: 0 };

/** Builds the profile from every vote of a conversation on a topic; the latest vote of a person on a paper wins. */
export function feedbackProfile(votes: readonly FeedbackVote[]): FeedbackProfile {
  const latest = new Map<string, FeedbackVote>();
  for (const v of votes) if (!v.actor.isBot) latest.set(`${v.actor.id}\u0000${v.paper.id}`, v);
  const pos = new Map<string, number>();
  const neg = new Map<string, number>();
  let nPos = 0;
  let nNeg = 0;
  for (const v of latest.values()) {
    const side = v.kind === "less" ? neg : pos;
    if (v.kind === "less") nNeg += 1;
    else nPos += 1;
    for (const t of paperTerms(v.paper)) side.set(t, (side.get(t) ?? 0) + 1);
  }
  const n = nPos + nNeg;
  const damp = n / (n + FEEDBACK_DAMPING);
  const weights = new Map<string, number>();
  for (const t of new Set([...pos.keys(), ...neg.keys()])) {
    const w = damp * (FEEDBACK_BETA * ((pos.get(t) ?? 0) / Math.max(1, nPos)) - FEEDBACK_GAMMA * ((neg.get(t) ?? 0) / Math.max(1, nNeg)));
    if (Math.abs(w) >= 0.01) weights.set(t, Math.round(w * 1000) / 1000);
  }
  return { weights, votes: n };
}

/** A paper's adjustment from a profile: the clamped sum of the weights of its terms, and the terms that moved it most. */
export function feedbackAdjustment(profile: FeedbackProfile, paper: Pick<MatchablePaper, "title" | "aiKeywords">): { delta: number; terms: string[] } {
  if (profile.weights.size === 0) return { delta: 0, terms: [] };
  let sum = 0;
  const hits: [string, number][] = [];
  for (const t of paperTerms(paper)) {
    const w = profile.weights.get(t);
    if (w === undefined) continue;
    sum += w;
    hits.push([t, w]);
  }
  const delta = Math.round(Math.max(-MAX_ADJUSTMENT, Math.min(MAX_ADJUSTMENT, sum)) * 100) / 100;
  hits.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return { delta, terms: hits.slice(0, 3).map(([t]) => t) };
}

/** What recording a vote did: a new vote, a change of a person's earlier vote on that paper, or a repeat of it. */
export type FeedbackChange = "added" | "changed" | "unchanged";

/** Where a conversation's votes per topic live (SQLite here; Postgres later), one per person per paper and topic. */
export interface TopicFeedbackStore {
  /** Records one vote at `at` (ISO); the store keeps the latest per person and paper. */
  add(conversation: string, topic: string, vote: FeedbackVote, at: string): Promise<FeedbackChange>;
  /** Every counted vote of a conversation on a topic, oldest first. */
  list(conversation: string, topic: string): Promise<FeedbackVote[]>;
  /** Withdraws a person's upvote-kind (`up`) feedback on a paper in a conversation, every topic; returns how many rows went. */
  removeUp(conversation: string, paperId: string, userId: string): Promise<number>;
}

/** The strongest weights of a profile as text: `+0.12 "bpe", +0.10 "subword"; −0.20 "vision"` ("" when empty); at most `n` each way. */
export function explainProfile(profile: FeedbackProfile, n = 3): string {
  const sorted = [...profile.weights].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  const fmt = ([t, w]: [string, number]) => `${w > 0 ? "+" : "−"}${Math.abs(w).toFixed(2)} "${t}"`;
  const up = sorted.filter(([, w]) => w > 0).slice(0, n).map(fmt);
  const down = sorted.filter(([, w]) => w < 0).slice(0, n).map(fmt);
  return [up.join(", "), down.join(", ")].filter(Boolean).join("; ");
}

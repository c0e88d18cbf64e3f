import type { FeedbackProfile } from "./channel-feedback.js";
import { feedbackAdjustment } from "./channel-feedback.js";
import type { TermScore, TopicMatch } from "./match-topic.js";
import { MATCH_THRESHOLD, explainMatch, matchPrepared, scoreTerm } from "./match-topic.js";
import type { MatchablePaper, PreparedPaper } from "./prepare-paper.js";
import type { CompiledQuery } from "./prepare-query.js";

/** The signals beyond the words that may move a topic's score for one paper in one conversation. */
export interface MatchSignals {
  /** The conversation's feedback profile for the topic; absent = none. */
  feedback?: FeedbackProfile;
  /** Cosine similarity of the paper's and the topic's embeddings, when embeddings are configured and worked; absent = lexical only. */
  cosine?: number;
  /** Weight of the cosine in the hybrid score (default SEMANTIC_WEIGHT). */
  semanticWeight?: number;
}

/** Default weight of the cosine: a cosine of 1 alone just reaches the threshold, so semantic similarity mostly tips near-threshold papers. */
export const SEMANTIC_WEIGHT = 1.5;
/** Cosines below this add nothing: unrelated texts of one domain are rarely below 0.2 with common embedding models. */
export const SEMANTIC_FLOOR = 0.3;

/** A topic's verdict on one paper with every signal, explained. */
export interface HybridMatch {
  /** Final score: lexical + feedback + semantic. */
  score: number;
  /** The lexical part (the best clause score, even below the threshold). */
  lexical: number;
  /** The feedback adjustment, ±MAX_ADJUSTMENT at most. */
  feedback: number;
  /** The semantic part, weight × (cosine − floor) / (1 − floor), or 0. */
  semantic: number;
  /** The lexical match, when the words alone matched. */
  match: TopicMatch | null;
  /** The "why" line. */
  why: string;
}

/**
 * Scores a compiled topic on one paper with feedback and embeddings: hybrid = lexical + feedback
 * + weight × rescaled cosine; the paper matches when the hybrid reaches MATCH_THRESHOLD and it
 * has some lexical evidence or a semantic part (feedback alone never makes a match). Without
 * signals it is exactly matchPrepared. Null when it does not match.
 */
export function matchWithSignals(compiled: CompiledQuery, paper: PreparedPaper & Pick<MatchablePaper, "title" | "aiKeywords">, signals: MatchSignals = {}): HybridMatch | null {
  const match = matchPrepared(compiled, paper);
  const canLift = signals.cosine !== undefined || (signals.feedback !== undefined && signals.feedback.weights.size > 0);
  // The daily run's common case: no signal can lift a paper the words do not match, so skip scoring it again.
  if (!match && !canLift) return null;
  if (!match && compiled.exclude.some((t) => scoreTerm(t, paper).score > 0)) return null;
  const lexical = match ? match.score : bestClause(compiled, paper);
  const feedback = signals.feedback ? feedbackAdjustment(signals.feedback, paper) : { delta: 0, terms: [] };
  const cosine = signals.cosine;
  const semantic = cosine !== undefined && Number.isFinite(cosine) && cosine > SEMANTIC_FLOOR ? ((signals.semanticWeight ?? SEMANTIC_WEIGHT) * (cosine - SEMANTIC_FLOOR)) / (1 - SEMANTIC_FLOOR) : 0;
  const score = Math.round((lexical + feedback.delta + semantic) * 100) / 100;
  if (score < MATCH_THRESHOLD || (lexical === 0 && semantic === 0)) return null;
  const why: string[] = [];
  if (match) why.push(explainMatch(match));
  else if (lexical > 0) why.push(`words below the threshold (${lexical.toFixed(2)})`);
  if (feedback.delta !== 0) why.push(`channel feedback ${feedback.delta > 0 ? "+" : ""}${feedback.delta.toFixed(2)} (${feedback.terms.map((t) => `"${t}"`).join(", ")})`);
  if (semantic > 0) why.push(`semantic similarity ${cosine?.toFixed(2)} (+${semantic.toFixed(2)})`);
  return { score, lexical, feedback: feedback.delta, semantic, match, why: why.join("; ") };
}

/** The best clause score of a topic on a paper, below the threshold too (0 when a required term is absent everywhere). */
export function bestClause(compiled: CompiledQuery, paper: PreparedPaper): number {
  let best = 0;
  const score = (t: Parameters<typeof scoreTerm>[0]): TermScore => scoreTerm(t, paper);
  for (const clause of compiled.clauses) {
    let and = clause.required.length > 0 ? Math.min(...clause.required.map((t) => score(t).score)) : 0;
    if (clause.implicit) and = Math.max(and, score(clause.implicit).score);
    best = Math.max(best, and);
  }
  return best;
}

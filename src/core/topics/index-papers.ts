import type { CompiledAlt, CompiledQuery, CompiledTerm } from "./prepare-query.js";
import type { PreparedPaper } from "./prepare-paper.js";
import type { TermScore, TopicMatch } from "./match-topic.js";
import { MATCH_THRESHOLD, matchScored, scoreTerm } from "./match-topic.js";

/** A day's prepared papers with an inverted index, so each topic only looks at papers sharing a word with it. */
export interface PaperIndex {
  /** The papers, in the order given. */
  papers: readonly PreparedPaper[];
  /** Word (any field, including joined compounds and camel-case parts) → indexes into `papers`, ascending. */
  postings: ReadonlyMap<string, readonly number[]>;
  /** Results already computed for this batch, by CompiledQuery.key: many channels share a topic. */
  memo: Map<string, readonly IndexedMatch[]>;
  /** Scores of each term (by CompiledTerm.key) in the papers where it occurs: distinct topics share most of their terms. */
  termMemo: Map<string, ReadonlyMap<number, TermScore>>;
  /** Compiled terms shared by the batch's topics: pass to prepareQuery so each distinct term is compiled once. */
  terms: Map<string, CompiledTerm>;
}

/** One paper matched by a topic. */
export interface IndexedMatch {
  /** The matched paper. */
  paper: PreparedPaper;
  /** Score and reasons. */
  match: TopicMatch;
}

/** Builds the inverted index over prepared papers; do this once per daily run. */
export function indexPapers(papers: readonly PreparedPaper[]): PaperIndex {
  const postings = new Map<string, number[]>();
  papers.forEach((paper, i) => {
    for (const word of paper.counts.keys()) {
      const list = postings.get(word);
      if (list) list.push(i);
      else postings.set(word, [i]);
    }
  });
  return { papers, postings, memo: new Map(), termMemo: new Map(), terms: new Map() };
}

/**
 * Matches one compiled topic against an indexed batch: each term is scored once per batch
 * (memoised by term key) over the papers holding a word that can start it, and a paper is a
 * candidate only when every required term of some clause (or the clause's implicit phrase)
 * reaches MATCH_THRESHOLD there; only candidates go through the match rule. Same result as
 * matchPrepared on every paper; highest score first. Results are memoised in the index by
 * topic key, so the returned array is shared: do not mutate it.
 */
export function matchIndexed(compiled: CompiledQuery, index: PaperIndex): readonly IndexedMatch[] {
  const known = index.memo.get(compiled.key);
  if (known) return known;
  const candidates = new Set<number>();
  for (const clause of compiled.clauses) {
    const maps = clause.required.map((term) => termScores(term, index));
    maps.sort((a, b) => a.size - b.size);
    const [rarest, ...rest] = maps;
    if (rarest) {
      for (const [i, s] of rarest) {
        if (s.score >= MATCH_THRESHOLD && rest.every((m) => (m.get(i)?.score ?? 0) >= MATCH_THRESHOLD)) candidates.add(i);
      }
    }
    if (clause.implicit) for (const [i, s] of termScores(clause.implicit, index)) if (s.score >= MATCH_THRESHOLD) candidates.add(i);
  }
  const out: IndexedMatch[] = [];
  let at = 0;
  const score = (term: CompiledTerm) => termScores(term, index).get(at);
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const paper = index.papers[i];
    if (!paper) continue;
    at = i;
    const match = matchScored(compiled, score);
    if (match) out.push({ paper, match });
  }
  out.sort((a, b) => b.match.score - a.match.score);
  index.memo.set(compiled.key, out);
  return out;
}

/** The term's non-zero scores by paper index, computed once per batch over the papers that can hold it. */
function termScores(term: CompiledTerm, index: PaperIndex): ReadonlyMap<number, TermScore> {
  const known = index.termMemo.get(term.key);
  if (known) return known;
  const scores = new Map<number, TermScore>();
  const possible = new Set<number>();
  for (const alt of term.alts) for (const i of altPapers(alt, index)) possible.add(i);
  for (const i of [...possible].sort((a, b) => a - b)) {
    const paper = index.papers[i];
    if (!paper) continue;
    const s = scoreTerm(term, paper);
    if (s.score > 0) scores.set(i, s);
  }
  index.termMemo.set(term.key, scores);
  return scores;
}

/** Papers where the alternative can occur: a start form present, every later phrase word present (or a joined form), and its condition met. */
function altPapers(alt: CompiledAlt, index: PaperIndex): Iterable<number> {
  const anyOf = (forms: Iterable<string>): Set<number> => {
    const out = new Set<number>();
    for (const form of forms) for (const i of index.postings.get(form) ?? []) out.add(i);
    return out;
  };
  let hits = anyOf(alt.slots[0] ?? []);
  for (let k = 1; k < alt.slots.length && hits.size > 0; k += 1) {
    const next = anyOf(alt.slots[k] ?? []);
    hits = new Set([...hits].filter((i) => next.has(i)));
  }
  for (const i of anyOf(alt.joined)) hits.add(i);
  if (alt.requires.length > 0) {
    const cond = anyOf(alt.requires);
    hits = new Set([...hits].filter((i) => cond.has(i)));
  }
  return hits;
}

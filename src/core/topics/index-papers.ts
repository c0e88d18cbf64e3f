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
  /** Scores of each term (by CompiledTerm.key) over the batch: distinct topics share most of their terms. */
  termMemo: Map<string, TermScores>;
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

/** A term's scores over the batch: dense by paper index, so checks are array reads, not map lookups. */
interface TermScores {
  /** Score per paper index (0 where the term is absent). */
  readonly score: Float64Array;
  /** Full score (with evidence) per paper index, where non-zero. */
  readonly detail: readonly (TermScore | undefined)[];
  /** Paper indexes with a non-zero score, ascending. */
  readonly present: readonly number[];
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
  const n = index.papers.length;
  let candidate: Uint8Array | null = null;
  const mark = (i: number) => {
    candidate ??= new Uint8Array(n);
    candidate[i] = 1;
  };
  for (const clause of compiled.clauses) {
    const all = clause.required.map((term) => termScores(term, index));
    all.sort((a, b) => a.present.length - b.present.length);
    const rarest = all[0];
    if (rarest) {
      for (const i of rarest.present) {
        let ok = true;
        for (const t of all) if ((t.score[i] ?? 0) < MATCH_THRESHOLD) ok = false;
        if (ok) mark(i);
      }
    }
    if (clause.implicit) {
      const implicit = termScores(clause.implicit, index);
      for (const i of implicit.present) if ((implicit.score[i] ?? 0) >= MATCH_THRESHOLD) mark(i);
    }
  }
  const out: IndexedMatch[] = [];
  const flags: Uint8Array | null = candidate;
  if (flags) {
    let at = 0;
    const score = (term: CompiledTerm) => termScores(term, index).detail[at];
    for (let i = 0; i < n; i += 1) {
      if (flags[i] !== 1) continue;
      at = i;
      const match = matchScored(compiled, score);
      if (match) out.push({ paper: index.papers[i] as PreparedPaper, match });
    }
    out.sort((a, b) => b.match.score - a.match.score);
  }
  index.memo.set(compiled.key, out);
  return out;
}

/** The term's scores over the batch, computed once per batch over the papers that can hold it. */
function termScores(term: CompiledTerm, index: PaperIndex): TermScores {
  const known = index.termMemo.get(term.key);
  if (known) return known;
  const n = index.papers.length;
  const score = new Float64Array(n);
  const detail: (TermScore | undefined)[] = [];
  const present: number[] = [];
  const possible = new Uint8Array(n);
  for (const alt of term.alts) for (const i of altPapers(alt, index)) possible[i] = 1;
  for (let i = 0; i < n; i += 1) {
    if (possible[i] !== 1) continue;
    const s = scoreTerm(term, index.papers[i] as PreparedPaper);
    if (s.score > 0) {
      score[i] = s.score;
      detail[i] = s;
      present.push(i);
    }
  }
  const scores: TermScores = { score, detail, present };
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

import type { CompiledAlt, CompiledQuery, CompiledTerm } from "./prepare-query.js";
import type { PreparedPaper } from "./prepare-paper.js";
import type { TopicMatch } from "./match-topic.js";
import { matchPrepared } from "./match-topic.js";

/** A day's prepared papers with an inverted index, so each topic only looks at papers sharing a word with it. */
export interface PaperIndex {
  /** The papers, in the order given. */
  papers: readonly PreparedPaper[];
  /** Word (any field, including joined compounds and camel-case parts) → indexes into `papers`, ascending. */
  postings: ReadonlyMap<string, readonly number[]>;
  /** Results already computed for this batch, by CompiledQuery.key: many channels share a topic. */
  memo: Map<string, readonly IndexedMatch[]>;
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
  return { papers, postings, memo: new Map() };
}

/**
 * Matches one compiled topic against an indexed batch: candidates are the papers holding a
 * word that can start the rarest required term of some clause (or its implicit phrase);
 * only those are scored. Same result as matchPrepared on every paper; highest score first.
 * Results are memoised in the index by topic key, so the returned array is shared: do not mutate it.
 */
export function matchIndexed(compiled: CompiledQuery, index: PaperIndex): readonly IndexedMatch[] {
  const known = index.memo.get(compiled.key);
  if (known) return known;
  const candidates = new Set<number>();
  for (const clause of compiled.clauses) {
    let best: number[] | null = null;
    for (const term of clause.required) {
      const hits = termPostings(term, index);
      if (best === null || hits.length < best.length) best = hits;
    }
    for (const i of best ?? []) candidates.add(i);
    if (clause.implicit) for (const i of termPostings(clause.implicit, index)) candidates.add(i);
  }
  const out: IndexedMatch[] = [];
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const paper = index.papers[i];
    if (!paper) continue;
    const match = matchPrepared(compiled, paper);
    if (match) out.push({ paper, match });
  }
  out.sort((a, b) => b.match.score - a.match.score);
  index.memo.set(compiled.key, out);
  return out;
}

/** Papers holding any word that can begin one of the term's alternatives. */
function termPostings(term: CompiledTerm, index: PaperIndex): number[] {
  const hits = new Set<number>();
  for (const alt of term.alts) for (const form of anchorForms(alt)) for (const i of index.postings.get(form) ?? []) hits.add(i);
  return [...hits];
}

function anchorForms(alt: CompiledAlt): readonly string[] {
  return alt.starts;
}

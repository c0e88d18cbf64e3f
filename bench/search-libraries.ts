import type Database from "better-sqlite3";
import FlexSearch from "flexsearch";
import MiniSearch, { type Query } from "minisearch";
import type { QueryTerm, TopicQuery } from "../src/core/topics/topic-query.js";
import { SEARCH_WEIGHTS } from "../src/db/sqlite-paper-store.js";

/** The fields every engine indexes, as plain text: the columns of papers_fts. */
export interface SearchDoc {
  /** papers.pk: the id every engine returns, so top-10 lists compare directly. */
  pk: number;
  /** Title. */
  title: string;
  /** HF ai_keywords, space-joined. */
  aiKeywords: string;
  /** Abstract. */
  abstract: string;
  /** Authors, comma-joined. */
  authors: string;
}

/** An in-memory engine under test. */
export interface SearchEngine {
  /** Name in the report. */
  name: string;
  /** Adds documents (called in chunks, so the corpus is never held whole). */
  add(docs: SearchDoc[]): void;
  /** Top `limit` pks for a parsed query. */
  search(query: TopicQuery, limit: number): number[];
}

const FIELDS = ["title", "aiKeywords", "abstract", "authors"] as const;
/** Same field weights as our bm25. */
const BOOST = { title: SEARCH_WEIGHTS.title, aiKeywords: SEARCH_WEIGHTS.keywords, abstract: SEARCH_WEIGHTS.abstract, authors: SEARCH_WEIGHTS.authors };

const termText = (t: QueryTerm): string => (t.kind === "word" ? t.text : t.words.join(" "));

/** Streams the indexed columns of the store in pk order, `chunk` rows at a time. */
export function* storeDocs(sqlite: Database.Database, chunk = 20_000): Generator<SearchDoc[]> {
  const page = sqlite.prepare<[number, number], { pk: number; title: string; k: string; abstract: string; a: string }>(
    "SELECT pk, title, ai_keywords AS k, abstract, authors AS a FROM papers WHERE pk > ? ORDER BY pk LIMIT ?",
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after, chunk);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.pk;
    yield rows.map((r) => ({ pk: r.pk, title: r.title, aiKeywords: (JSON.parse(r.k) as string[]).join(" "), abstract: r.abstract, authors: (JSON.parse(r.a) as string[]).join(", ") }));
  }
}

/** MiniSearch (BM25+ with field boosts): clauses AND, OR between, AND_NOT for exclusions; phrases as AND of their words. */
export function createMiniSearchEngine(): SearchEngine {
  const mini = new MiniSearch<SearchDoc>({ idField: "pk", fields: [...FIELDS], storeFields: [], searchOptions: { boost: BOOST } });
  const toQuery = (q: TopicQuery): Query => {
    const positive: Query = { combineWith: "OR", queries: q.anyOf.map((clause) => ({ combineWith: "AND", queries: clause.map(termText) })) };
    if (q.exclude.length === 0) return positive;
    return { combineWith: "AND_NOT", queries: [positive, { combineWith: "OR", queries: q.exclude.map(termText) }] };
  };
  return {
    name: "MiniSearch 7.2.0",
    add: (docs) => mini.addAll(docs),
    search: (q, limit) => mini.search(toQuery(q)).slice(0, limit).map((r) => r.id as number),
  };
}

/**
 * FlexSearch Document index, `strict` tokenizer. It has no cross-field scoring, so each
 * clause is searched per field (its words ANDed within a field) and field rankings are merged
 * with the same boosts (boost / (rank + 1)); OR clauses add up; exclusions drop the top 1,000 hits of the excluded words.
 */
export function createFlexSearchEngine(): SearchEngine {
  const doc = new FlexSearch.Document({ document: { id: "pk", index: [...FIELDS] }, tokenize: "strict", cache: false });
  const per = 100;
  return {
    name: "FlexSearch 0.8.212",
    add: (docs) => {
      for (const d of docs) doc.add(d as unknown as Parameters<typeof doc.add>[0]);
    },
    search(q, limit) {
      const scores = new Map<number, number>();
      for (const clause of q.anyOf) {
        const results = doc.search({ query: clause.map(termText).join(" "), limit: per }) as unknown as { field: keyof typeof BOOST; result: number[] }[];
        for (const r of results) r.result.forEach((pk, rank) => scores.set(pk, (scores.get(pk) ?? 0) + BOOST[r.field] / (rank + 1)));
      }
      if (q.exclude.length > 0) {
        const results = doc.search({ query: q.exclude.map(termText).join(" "), limit: 1000 }) as unknown as { result: number[] }[];
        for (const r of results) for (const pk of r.result) scores.delete(pk);
      }
      return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([pk]) => pk);
    },
  };
}

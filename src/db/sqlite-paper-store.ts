import { count } from "drizzle-orm";
import type { Clock } from "../core/clock.js";
import { BotError } from "../core/errors.js";
import type { Paper } from "../core/papers/paper.js";
import type { PaperStore, SearchHit } from "../core/papers/paper-store.js";
import type { TopicQuery } from "../core/topics/topic-query.js";
import { compileAnyTerm, compileMatch } from "./fts-query.js";
import type { OpenDatabase } from "./open-database.js";
import { clockNow, createPaperUpsert } from "./paper-upsert.js";
import { PAPER_SELECT, rowToPaper, type PaperRow } from "./paper-row.js";
import { papers } from "./schema.js";

/**
 * bm25 field weights in papers_fts column order (title, ai_keywords, abstract, authors):
 * a title hit says most about what a paper is, HF keywords are a curated summary, the
 * abstract is long and mentions many things in passing, author names matter for author
 * searches but should not drown topic words.
 */
export const SEARCH_WEIGHTS = { title: 10, keywords: 6, abstract: 1, authors: 2 } as const;

/** Extra rows read past the limit so score ties at the cut-off are broken by id. */
const TIE_SLACK = 8;

/** bm25 over papers_head_fts (title, ai_keywords) with the same two weights. */
const HEAD_BM25 = `bm25(papers_head_fts, ${SEARCH_WEIGHTS.title}.0, ${SEARCH_WEIGHTS.keywords}.0)`;
const BM25 = `bm25(papers_fts, ${SEARCH_WEIGHTS.title}.0, ${SEARCH_WEIGHTS.keywords}.0, ${SEARCH_WEIGHTS.abstract}.0, ${SEARCH_WEIGHTS.authors}.0)`;
/** Tokens of abstract context in a snippet. */
const SNIPPET_TOKENS = 32;

/** Options for the SQLite paper store. */
export interface SqlitePaperStoreOptions {
  /** Source of "now" for first_seen_at / last_seen_at; the system clock by default. */
  clock?: Clock;
  /**
   * Most matches ranked per search, newest (by store order) first; default: all, an exact
   * ranking. A window bounds the cost of very common terms but changes which papers can
   * rank (bench/search-bench.ts reports its overlap@10 with the exact ranking).
   */
  searchWindow?: number;
}

/** The PaperStore port over SQLite: upserts merge per versionless id, search uses FTS5 with bm25. */
export function createSqlitePaperStore(open: OpenDatabase, options: SqlitePaperStoreOptions = {}): PaperStore {
  const { sqlite, db } = open;
  const window = options.searchWindow === undefined || !Number.isFinite(options.searchWindow) ? null : Math.max(1, Math.trunc(options.searchWindow));
  const upsert = createPaperUpsert(sqlite, clockNow(options.clock));
  const byId = sqlite.prepare<[string], PaperRow>(`SELECT ${PAPER_SELECT} FROM papers p WHERE p.id = ?`);
  const byIds = sqlite.prepare<[string], PaperRow>(
    `SELECT ${PAPER_SELECT} FROM papers p WHERE p.id IN (SELECT value FROM json_each(?))`,
  );
  const daily = sqlite.prepare<[string], PaperRow>(
    `SELECT ${PAPER_SELECT} FROM paper_listings l0 JOIN papers p ON p.id = l0.paper_id
     WHERE l0.source = 'hf' AND l0.day = ? ORDER BY p.hf_upvotes DESC NULLS LAST, p.id`,
  );
  const announced = sqlite.prepare<[string], PaperRow>(
    `SELECT ${PAPER_SELECT} FROM paper_listings l0 JOIN papers p ON p.id = l0.paper_id
     WHERE l0.source = 'arxiv' AND l0.day = ?
     ORDER BY CASE l0.announce_type WHEN 'new' THEN 0 WHEN 'cross' THEN 1 ELSE 2 END, p.id`,
  );
  const latestDaily = sqlite
    .prepare<[string], string | null>("SELECT max(day) FROM paper_listings WHERE source = 'hf' AND day <= ?")
    .pluck();
  const since = sqlite.prepare<[string, number], PaperRow>(
    `SELECT ${PAPER_SELECT} FROM papers p JOIN (
       SELECT paper_id, max(day) AS last_day FROM paper_listings
       WHERE source IN ('hf', 'arxiv') AND day >= ? GROUP BY paper_id
     ) recent ON recent.paper_id = p.id
     ORDER BY recent.last_day DESC, p.hf_upvotes DESC NULLS LAST, p.id LIMIT ?`,
  );
  // Phase 1 ranks inside FTS5 only: no join to papers and no snippet per matching row (SQLite
  // evaluates every result column before sorting, so the old single query read each matching
  // paper and built its snippet); phase 2 reads and snippets only the winners.
  const topRows = sqlite.prepare<[string, number], { pk: number; score: number }>(
    `SELECT rowid AS pk, -${BM25} AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY score DESC LIMIT ?`,
  );
  const headRows = sqlite.prepare<[string, number], { pk: number; score: number }>(
    `SELECT rowid AS pk, -${HEAD_BM25} AS score FROM papers_head_fts WHERE papers_head_fts MATCH ? ORDER BY score DESC LIMIT ?`,
  );
  const topRowsInWindow = sqlite.prepare<[string, number, number], { pk: number; score: number }>(
    `SELECT pk, score FROM (
       SELECT rowid AS pk, -${BM25} AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid DESC LIMIT ?
     ) ORDER BY score DESC LIMIT ?`,
  );
  const hitRows = sqlite.prepare<[string], PaperRow & { pk: number }>(
    `SELECT p.pk, ${PAPER_SELECT} FROM papers p WHERE p.pk IN (SELECT value FROM json_each(?))`,
  );
  // better-sqlite3 binds a JS number as a REAL, and FTS5 only narrows a MATCH scan by an
  // INTEGER rowid: with `rowid = ?` it ignored the bound value and returned every match, so
  // `.get()` gave each hit the first matching paper's snippet. The CAST makes it an integer.
  const snippetOf = sqlite
    .prepare<[string, number], string | null>(
      `SELECT snippet(papers_fts, 2, '', '', '…', ${SNIPPET_TOKENS}) FROM papers_fts WHERE papers_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
    )
    .pluck();
  const candidates = sqlite
    .prepare<[string, string | null, string | null], string>(
      `SELECT p.id FROM papers_fts JOIN papers p ON p.pk = papers_fts.rowid
       WHERE papers_fts MATCH ? AND (? IS NULL OR EXISTS (
         SELECT 1 FROM paper_listings l WHERE l.paper_id = p.id AND l.source IN ('hf', 'arxiv') AND l.day >= ?))`,
    )
    .pluck();
  const total = db.select({ n: count() }).from(papers).prepare();

  /** Top `max` hits by score (ties by id): rank in FTS5, then read and snippet only the winners. */
  const rankedHits = (match: string, max: number, headFirst: boolean): SearchHit[] => {
    // A few extra rows so ties at the cut-off are still broken by id, as before.
    const head = headFirst && window === null ? headRows.all(match, max + TIE_SLACK) : [];
    const top =
      head.length >= max ? head : window === null ? topRows.all(match, max + TIE_SLACK) : topRowsInWindow.all(match, window, max + TIE_SLACK);
    if (top.length === 0) return [];
    const score = new Map(top.map((t) => [t.pk, t.score]));
    const rows = hitRows.all(JSON.stringify(top.map((t) => t.pk)));
    rows.sort((a, b) => (score.get(b.pk) ?? 0) - (score.get(a.pk) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.slice(0, max).map((row): SearchHit => {
      const snippet = row.abstract !== "" ? snippetOf.get(match, row.pk) : null;
      return { paper: rowToPaper(row), score: score.get(row.pk) ?? 0, snippet: plainSnippet(snippet ?? row.title) };
    });
  };

  return {
    upsert: async (inputs) => upsert(inputs),
    async get(id) {
      const row = byId.get(id);
      return row ? rowToPaper(row) : null;
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const found = new Map(byIds.all(JSON.stringify(ids)).map((row) => [row.id, row]));
      const result: Paper[] = [];
      for (const id of new Set(ids)) {
        const row = found.get(id);
        if (row) result.push(rowToPaper(row));
      }
      return result;
    },
    listDaily: async (day) => daily.all(day).map(rowToPaper),
    listAnnounced: async (day) => announced.all(day).map(rowToPaper),
    latestDailyDay: async (onOrBefore) => latestDaily.get(onOrBefore) ?? null,
    listSince: async (day, limit) => since.all(day, limit === undefined || !Number.isFinite(limit) ? -1 : Math.max(0, Math.trunc(limit))).map(rowToPaper),
    async search(query, { limit }) {
      const match = compileMatch(query);
      const max = Number.isFinite(limit) ? Math.trunc(limit) : 0;
      if (match === null || max <= 0) return [];
      // Exclusions must hold in every field, so only queries without them may rank by the head index.
      return runFts(query, match, () => rankedHits(match, max, query.exclude.length === 0));
    },
    async candidateIds(query, sinceDay) {
      const terms = compileAnyTerm(query);
      if (terms === null) return [];
      // The topic matcher reads title, keywords and abstract only; an author-name hit is not a candidate.
      const match = `{title ai_keywords abstract} : (${terms})`;
      return runFts(query, match, () => candidates.all(match, sinceDay, sinceDay));
    },
    count: async () => total.get()?.n ?? 0,
  };
}

/** Runs an FTS5 statement; an FTS5 error (which the compiler should make impossible) becomes INVALID_QUERY. */
function runFts<T>(query: TopicQuery, match: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/fts5|syntax error|unterminated|no such column/i.test(message)) {
      throw new BotError(
        "INVALID_QUERY",
        "That search could not be understood; try plain words, or put a phrase in double quotes.",
        { raw: query.raw, match, cause: message },
      );
    }
    throw err;
  }
}

/** Collapses whitespace in a snippet; FTS5 was asked for no highlight markers, so it is already plain. */
function plainSnippet(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

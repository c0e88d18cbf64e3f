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

const BM25 = `bm25(papers_fts, ${SEARCH_WEIGHTS.title}.0, ${SEARCH_WEIGHTS.keywords}.0, ${SEARCH_WEIGHTS.abstract}.0, ${SEARCH_WEIGHTS.authors}.0)`;
/** Tokens of abstract context in a snippet. */
const SNIPPET_TOKENS = 32;

type HitRow = PaperRow & { score: number; snippet: string | null };

/** Options for the SQLite paper store. */
export interface SqlitePaperStoreOptions {
  /** Source of "now" for first_seen_at / last_seen_at; the system clock by default. */
  clock?: Clock;
}

/** The PaperStore port over SQLite: upserts merge per versionless id, search uses FTS5 with bm25. */
export function createSqlitePaperStore(open: OpenDatabase, options: SqlitePaperStoreOptions = {}): PaperStore {
  const { sqlite, db } = open;
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
  const search = sqlite.prepare<[string, number], HitRow>(
    `SELECT ${PAPER_SELECT}, -${BM25} AS score,
       CASE WHEN p.abstract <> '' THEN snippet(papers_fts, 2, '', '', '…', ${SNIPPET_TOKENS}) ELSE p.title END AS snippet
     FROM papers_fts JOIN papers p ON p.pk = papers_fts.rowid
     WHERE papers_fts MATCH ? ORDER BY ${BM25}, p.id LIMIT ?`,
  );
  const candidates = sqlite
    .prepare<[string, string | null, string | null], string>(
      `SELECT p.id FROM papers_fts JOIN papers p ON p.pk = papers_fts.rowid
       WHERE papers_fts MATCH ? AND (? IS NULL OR EXISTS (
         SELECT 1 FROM paper_listings l WHERE l.paper_id = p.id AND l.source IN ('hf', 'arxiv') AND l.day >= ?))`,
    )
    .pluck();
  const total = db.select({ n: count() }).from(papers).prepare();

  return {
    upsert,
    get(id) {
      const row = byId.get(id);
      return row ? rowToPaper(row) : null;
    },
    getMany(ids) {
      if (ids.length === 0) return [];
      const found = new Map(byIds.all(JSON.stringify(ids)).map((row) => [row.id, row]));
      const result: Paper[] = [];
      for (const id of new Set(ids)) {
        const row = found.get(id);
        if (row) result.push(rowToPaper(row));
      }
      return result;
    },
    listDaily: (day) => daily.all(day).map(rowToPaper),
    listAnnounced: (day) => announced.all(day).map(rowToPaper),
    latestDailyDay: (onOrBefore) => latestDaily.get(onOrBefore) ?? null,
    listSince: (day, limit) => since.all(day, limit === undefined || !Number.isFinite(limit) ? -1 : Math.max(0, Math.trunc(limit))).map(rowToPaper),
    search(query, { limit }) {
      const match = compileMatch(query);
      const max = Number.isFinite(limit) ? Math.trunc(limit) : 0;
      if (match === null || max <= 0) return [];
      const rows = runFts(query, match, () => search.all(match, max));
      return rows.map((row): SearchHit => ({
        paper: rowToPaper(row),
        score: row.score,
        snippet: plainSnippet(row.snippet ?? row.title),
      }));
    },
    candidateIds(query, sinceDay) {
      const terms = compileAnyTerm(query);
      if (terms === null) return [];
      // The topic matcher reads title, keywords and abstract only; an author-name hit is not a candidate.
      const match = `{title ai_keywords abstract} : (${terms})`;
      return runFts(query, match, () => candidates.all(match, sinceDay, sinceDay));
    },
    count: () => total.get()?.n ?? 0,
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

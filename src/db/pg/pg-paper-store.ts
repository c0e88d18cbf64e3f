import { getTableColumns } from "drizzle-orm";
import type pg from "pg";
import type { Clock } from "../../core/clock.js";
import type { Paper } from "../../core/papers/paper.js";
import type { PaperStore, SearchHit } from "../../core/papers/paper-store.js";
import { anyTermPlan, queryPlan } from "../fts-query.js";
import { rowToPaper, type PaperRow } from "../paper-row.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { createPgPaperUpsert } from "./pg-paper-upsert.js";
import { compilePgTsQuery, compilePgTsQueryParts, type PgTsQueryParts } from "./pg-search-query.js";
import { papers } from "./schema.js";
import { inTransaction } from "./in-transaction.js";

/**
 * ts_rank weights in its {D, C, B, A} order: abstract, authors, keywords, title. The same
 * proportions as SQLite's bm25 weights (1 : 2 : 6 : 10), scaled into ts_rank's 0..1.
 */
export const PG_RANK_WEIGHTS = "{0.1, 0.2, 0.6, 1.0}";
/** ts_rank normalization 1: divide by 1 + log(document length), as bm25 discounts long documents. */
const NORMALIZATION = 1;
/** ts_headline options: plain text (no markers), one fragment of about SQLite's 32-token snippet. */
const HEADLINE = 'StartSel="", StopSel="", MaxFragments=1, MaxWords=32, MinWords=16, FragmentDelimiter=" … "';

const COLUMN_LIST = Object.entries(getTableColumns(papers))
  .filter(([key]) => key !== "search" && key !== "searchHead")
  .map(([key, column]) => `p."${column.name}" AS "${key}"`)
  .join(", ");
const listingDays = (source: string, alias: string): string =>
  `(SELECT string_agg(l.day, ',' ORDER BY l.day) FROM paper_listings l WHERE l.paper_id = p.id AND l.source = '${source}') AS "${alias}"`;
/** A paper read from `papers p`, shaped like SQLite's PAPER_SELECT rows. */
const PAPER_SELECT = `${COLUMN_LIST}, ${listingDays("hf", "dailyDates")}, ${listingDays("arxiv", "announcedDates")}`;

/** The top $1 papers by ts_rank over `column` (pk and score only: no wide row, no excerpt), ties by id. */
const rankIn = (column: "search" | "search_head"): string =>
  `SELECT p.pk, ts_rank('${PG_RANK_WEIGHTS}', p.${column}, q.q, ${NORMALIZATION})::float8 AS score
   FROM papers p, q WHERE p.${column} @@ q.q ORDER BY score DESC, p.id COLLATE "C" LIMIT $1`;

/** Reads the ranked `top` rows back whole, with ts_headline computed for those rows only. */
const READ_TOP = `SELECT ${PAPER_SELECT}, top.score,
    CASE WHEN p.abstract <> '' THEN ts_headline('papers_search', p.abstract, q.q, '${HEADLINE}') END AS headline
  FROM top JOIN papers p ON p.pk = top.pk, q ORDER BY top.score DESC, p.id COLLATE "C"`;

/**
 * Ranks every match of a query with exclusions in the full document, by the whole query as
 * before, but finds the matches as positive minus excluded through the GIN index: `search @@
 * (a && !!b)` made Postgres recheck (detoast) every paper with `a`, and ts_rank then detoasted
 * each again.
 */
const excludingSql = (parts: PgTsQueryParts): string => `WITH q AS (SELECT ${parts.whole} AS q, ${parts.positive} AS positive, ${parts.excluded} AS excluded),
  top AS MATERIALIZED (
    SELECT p.pk, ts_rank('${PG_RANK_WEIGHTS}', p.search, q.q, ${NORMALIZATION})::float8 AS score
    FROM papers p, q WHERE p.search @@ q.positive AND p.pk NOT IN (SELECT x.pk FROM papers x, q WHERE x.search @@ q.excluded)
    ORDER BY score DESC, p.id COLLATE "C" LIMIT $1
  ) ${READ_TOP}`;

/**
 * Ranks in the head (title and keywords, small and in the row) when it has at least $1 hits,
 * else in the full document, as SQLite's search does with papers_head_fts; one statement:
 * the full ranking's one-time filter skips it when the head had enough.
 */
const headFirstSql = (tsquery: string): string => `WITH q AS (SELECT ${tsquery} AS q),
  head AS MATERIALIZED (${rankIn("search_head")}),
  head_enough AS MATERIALIZED (SELECT count(*) >= $1 AS yes FROM head),
  top AS (
    SELECT pk, score FROM head WHERE (SELECT yes FROM head_enough)
    UNION ALL
    SELECT pk, score FROM (${rankIn("search")}) whole WHERE NOT (SELECT yes FROM head_enough)
  ) ${READ_TOP}`;

/**
 * Runs a search statement with sequential scans off for its transaction. The planner prices
 * `search @@ q` as cheap per row and picks a sequential scan for a common word, which then
 * reads (detoasts) the ~2.8 KB vector of every paper rather than of the matches only
 * (EXPLAIN at 100k papers, "learning": 1.36 s seq scan against 0.46-0.68 s through the GIN index).
 */
function withIndexScans<T>(pool: OpenPgDatabase["pool"], run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, run, "BEGIN READ ONLY; SET LOCAL enable_seqscan = off");
}

/** Options for the Postgres paper store. */
export interface PgPaperStoreOptions {
  /** Source of "now" for first_seen_at / last_seen_at; the system clock by default. */
  clock?: Clock;
}

/** Adds `…` where ts_headline's fragment cut the abstract, as SQLite's snippet() does. */
function marked(fragment: string, abstract: string): string {
  const text = fragment.replace(/\s+/g, " ").trim();
  const whole = abstract.replace(/\s+/g, " ").trim();
  if (text === "" || text === whole) return text || whole;
  return `${whole.startsWith(text) ? "" : "…"}${text}${whole.endsWith(text) ? "" : "…"}`;
}

/** The PaperStore port over Postgres: the same merge upsert, and full-text search over the weighted `search` tsvector. */
export function createPgPaperStore(open: OpenPgDatabase, options: PgPaperStoreOptions = {}): PaperStore {
  const { pool } = open;
  const upsert = createPgPaperUpsert(pool, options.clock);
  const rows = async (sql: string, params: unknown[]): Promise<PaperRow[]> => (await pool.query<PaperRow>(sql, params)).rows;

  return {
    upsert,
    async get(id) {
      const row = (await rows(`SELECT ${PAPER_SELECT} FROM papers p WHERE p.id = $1`, [id]))[0];
      return row ? rowToPaper(row) : null;
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const found = new Map((await rows(`SELECT ${PAPER_SELECT} FROM papers p WHERE p.id = ANY($1::text[])`, [ids])).map((row) => [row.id, row]));
      const result: Paper[] = [];
      for (const id of new Set(ids)) {
        const row = found.get(id);
        if (row) result.push(rowToPaper(row));
      }
      return result;
    },
    listDaily: async (day) =>
      (
        await rows(
          `SELECT ${PAPER_SELECT} FROM paper_listings l0 JOIN papers p ON p.id = l0.paper_id
           WHERE l0.source = 'hf' AND l0.day = $1 ORDER BY p.hf_upvotes DESC NULLS LAST, p.id COLLATE "C"`,
          [day],
        )
      ).map(rowToPaper),
    listAnnounced: async (day) =>
      (
        await rows(
          `SELECT ${PAPER_SELECT} FROM paper_listings l0 JOIN papers p ON p.id = l0.paper_id
           WHERE l0.source = 'arxiv' AND l0.day = $1
           ORDER BY CASE l0.announce_type WHEN 'new' THEN 0 WHEN 'cross' THEN 1 ELSE 2 END, p.id COLLATE "C"`,
          [day],
        )
      ).map(rowToPaper),
    latestDailyDay: async (onOrBefore) =>
      (await pool.query<{ day: string | null }>("SELECT max(day) AS day FROM paper_listings WHERE source = 'hf' AND day <= $1", [onOrBefore])).rows[0]?.day ?? null,
    listSince: async (day, limit) =>
      (
        await rows(
          `SELECT ${PAPER_SELECT} FROM papers p JOIN (
             SELECT paper_id, max(day) AS last_day FROM paper_listings WHERE source IN ('hf', 'arxiv') AND day >= $1 GROUP BY paper_id
           ) recent ON recent.paper_id = p.id
           ORDER BY recent.last_day DESC, p.hf_upvotes DESC NULLS LAST, p.id COLLATE "C" LIMIT $2`,
          [day, limit === undefined || !Number.isFinite(limit) ? null : Math.max(0, Math.trunc(limit))],
        )
      ).map(rowToPaper),
    async search(query, { limit }) {
      const plan = queryPlan(query);
      const max = Number.isFinite(limit) ? Math.trunc(limit) : 0;
      if (plan === null || max <= 0) return [];
      // Exclusions must hold in every field, so only queries without them may rank by the head, as on SQLite.
      const parts = compilePgTsQueryParts(plan, 2);
      const q = parts ?? compilePgTsQuery(plan, 2);
      const sql = parts ? excludingSql(parts) : headFirstSql(compilePgTsQuery(plan, 2).sql);
      const found = await withIndexScans(pool, (client) => client.query<PaperRow & { score: number; headline: string | null }>(sql, [max, ...q.params]));
      return found.rows.map((row): SearchHit => ({
        paper: rowToPaper(row),
        score: row.score,
        snippet: row.headline ? marked(row.headline, row.abstract) : row.title.replace(/\s+/g, " ").trim(),
      }));
    },
    async candidateIds(query, sinceDay) {
      const terms = anyTermPlan(query);
      if (terms.length === 0) return [];
      const q = compilePgTsQuery({ anyOf: terms }, 2);
      // The topic matcher reads title, keywords and abstract only: an author-name hit (weight C) is not a candidate.
      const found = await pool.query<{ id: string }>(
        `WITH q AS (SELECT ${q.sql} AS q)
         SELECT p.id FROM papers p, q WHERE p.search @@ q.q AND ts_filter(p.search, '{a,b,d}') @@ q.q
           AND ($1::text IS NULL OR EXISTS (SELECT 1 FROM paper_listings l WHERE l.paper_id = p.id AND l.source IN ('hf', 'arxiv') AND l.day >= $1))`,
        [sinceDay, ...q.params],
      );
      return found.rows.map((r) => r.id);
    },
    count: async () => (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM papers")).rows[0]?.n ?? 0,
  };
}

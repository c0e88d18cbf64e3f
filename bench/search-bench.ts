import type pg from "pg";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import type { PaperStore } from "../src/core/papers/paper-store.js";
import type { TopicQuery } from "../src/core/topics/topic-query.js";
import { openDatabase } from "../src/db/open-database.js";
import { compileMatch, queryPlan } from "../src/db/fts-query.js";
import { PG_RANK_WEIGHTS } from "../src/db/pg/pg-paper-store.js";
import { compilePgTsQuery } from "../src/db/pg/pg-search-query.js";
import { PAPER_SELECT } from "../src/db/paper-row.js";
import { createSqlitePaperStore, SEARCH_WEIGHTS } from "../src/db/sqlite-paper-store.js";
import { log } from "./bench-env.js";
import { generateTopics } from "./corpus.js";
import type { Section, SummaryRow } from "./report.js";
import { createFlexSearchEngine, createMiniSearchEngine, storeDocs, type SearchEngine } from "./search-libraries.js";
import { fmt, mb, quantile, settledHeap } from "./stats.js";
import { cachedStore } from "./store-cache.js";
import type { WordModel } from "./word-model.js";

/** Sizes and switches for the search bench. */
export interface SearchOptions {
  /** Corpus sizes; each gets its own cached store. */
  sizes: number[];
  /** Queries timed per engine. */
  queries: number;
  /** Corpus seed (queries use seed + 1). */
  seed: number;
  /** Whether the in-memory libraries run at size n. */
  librariesAt(n: number): boolean;
  /** Queries timed for the search as it was before the fix (slow at 1M: it reads and snippets every match). */
  beforeQueries(n: number): number;
  /** The optional newest-matches window shown as a trade-off (PaperStore option searchWindow). */
  window: number;
  /** The Postgres store holding the same n-paper corpus, run over the same queries next to SQLite; null (or absent) skips Postgres at that size. */
  pgAt?(n: number): Promise<PgSearchTarget | null>;
  /** The Postgres server, as the report names it. */
  pgServer?: string;
}

/** A Postgres PaperStore loaded with the same corpus as the SQLite store. */
export interface PgSearchTarget {
  /** The store (its pool stays open; the caller closes it). */
  store: PaperStore;
  /** Seconds the load through PaperStore.upsert took. */
  loadSeconds: number;
  /** The same database's pool, for the statement the Postgres search ran before it ranked in the head first. */
  pool: pg.Pool;
}

interface EngineRun {
  name: string;
  buildSeconds: number;
  heapBytes: number;
  rssBytes: number;
  latencies: number[];
  top: string[][];
}

const LIMIT = 10;

async function timeQueries<T>(queries: TopicQuery[], run: (q: TopicQuery) => T[] | Promise<T[]>): Promise<{ latencies: number[]; top: T[][] }> {
  for (const q of queries.slice(0, 20)) await run(q);
  const latencies: number[] = [];
  const top: T[][] = [];
  for (const q of queries) {
    const t = performance.now();
    top.push(await run(q));
    latencies.push(performance.now() - t);
  }
  return { latencies, top };
}

/** Mean over queries both ran of |ours ∩ theirs| / |ours| in the top 10, over queries where ours found something. */
function overlap(ours: string[][], theirs: string[][]): number {
  let sum = 0;
  let n = 0;
  ours.slice(0, theirs.length).forEach((o, i) => {
    if (o.length === 0) return;
    const t = new Set(theirs[i] ?? []);
    sum += o.filter((pk) => t.has(pk)).length / o.length;
    n += 1;
  });
  return n === 0 ? Number.NaN : sum / n;
}

async function runStore(path: string, queries: TopicQuery[], window: number | undefined, name: string): Promise<EngineRun> {
  const heap0 = settledHeap();
  const rss0 = process.memoryUsage.rss();
  const t = performance.now();
  const db = openDatabase(path);
  const store = createSqlitePaperStore(db, { searchWindow: window });
  const buildSeconds = (performance.now() - t) / 1000;
  const timed = await timeQueries(queries, async (q) => (await store.search(q, { limit: LIMIT })).map((h) => h.paper.id));
  const rssBytes = process.memoryUsage.rss() - rss0;
  const heapBytes = settledHeap() - heap0;
  db.close();
  return { name, buildSeconds, heapBytes, rssBytes, ...timed };
}

const W = SEARCH_WEIGHTS;
const OLD_BM25 = `bm25(papers_fts, ${W.title}.0, ${W.keywords}.0, ${W.abstract}.0, ${W.authors}.0)`;
/** The search statement before the fix: every matching row joined to papers and snippeted, then sorted. */
const BEFORE_SQL = `SELECT ${PAPER_SELECT}, -${OLD_BM25} AS score,
  CASE WHEN p.abstract <> '' THEN snippet(papers_fts, 2, '', '', '…', 32) ELSE p.title END AS snippet
  FROM papers_fts JOIN papers p ON p.pk = papers_fts.rowid
  WHERE papers_fts MATCH ? ORDER BY ${OLD_BM25}, p.id LIMIT ?`;

async function runPg(target: PgSearchTarget, queries: TopicQuery[]): Promise<EngineRun> {
  const timed = await timeQueries(queries, async (q) => (await target.store.search(q, { limit: LIMIT })).map((h) => h.paper.id));
  return { name: "Postgres: ts_rank in the title-and-keywords vector first, else the full vector (GIN indexes), ts_headline for the hits only", buildSeconds: target.loadSeconds, heapBytes: Number.NaN, rssBytes: Number.NaN, ...timed };
}

/** The Postgres search statement before the head-first fix: every match ranked over the full vector, in one statement, planner's choice of scan. */
const PG_BEFORE_SQL = (tsquery: string) => `WITH q AS (SELECT ${tsquery} AS q)
  SELECT p.id, ts_rank('${PG_RANK_WEIGHTS}', p.search, q.q, 1)::float8 AS score,
    CASE WHEN p.abstract <> '' THEN ts_headline('papers_search', p.abstract, q.q, 'StartSel="", StopSel="", MaxFragments=1, MaxWords=32, MinWords=16') END AS headline
  FROM papers p, q WHERE p.search @@ q.q ORDER BY score DESC, p.id COLLATE "C" LIMIT $1`;

async function runPgBefore(target: PgSearchTarget, queries: TopicQuery[]): Promise<EngineRun> {
  const timed = await timeQueries(queries, async (q) => {
    const plan = queryPlan(q);
    if (plan === null) return [];
    const compiled = compilePgTsQuery(plan, 2);
    return (await target.pool.query<{ id: string }>(PG_BEFORE_SQL(compiled.sql), [LIMIT, ...compiled.params])).rows.map((r) => r.id);
  });
  return { name: `Postgres before the fix: one statement ranking every match over the full vector (first ${queries.length} queries)`, buildSeconds: 0, heapBytes: Number.NaN, rssBytes: Number.NaN, ...timed };
}

async function runBefore(path: string, queries: TopicQuery[]): Promise<EngineRun> {
  const db = openDatabase(path);
  const statement = db.sqlite.prepare<[string, number], { id: string }>(BEFORE_SQL);
  const timed = await timeQueries(queries, (q) => {
    const match = compileMatch(q);
    return match === null ? [] : statement.all(match, LIMIT).map((r) => r.id);
  });
  db.close();
  return { name: `before the fix: one statement, join + snippet per match (first ${queries.length} queries)`, buildSeconds: 0, heapBytes: Number.NaN, rssBytes: Number.NaN, ...timed };
}

async function runEngine(path: string, queries: TopicQuery[], make: () => SearchEngine): Promise<EngineRun> {
  const heap0 = settledHeap();
  const rss0 = process.memoryUsage.rss();
  const engine = make();
  const db = openDatabase(path);
  let buildMs = 0;
  for (const docs of storeDocs(db.sqlite)) {
    const t = performance.now();
    engine.add(docs);
    buildMs += performance.now() - t;
  }
  const heapBytes = settledHeap() - heap0;
  const rssBytes = process.memoryUsage.rss() - rss0;
  const timed = await timeQueries(queries, (q) => engine.search(q, LIMIT));
  const idOf = db.sqlite.prepare<[number], string>("SELECT id FROM papers WHERE pk = ?").pluck();
  const top = timed.top.map((pks) => pks.map((pk) => idOf.get(pk) ?? ""));
  db.close();
  return { name: engine.name, buildSeconds: buildMs / 1000, heapBytes, rssBytes, latencies: timed.latencies, top };
}

/** The headline row for Postgres at n papers: its p50/p99 against SQLite's over the same queries, as pg/sqlite ratios. */
function pgSummary(n: number, sqlite: EngineRun, onPg: EngineRun): SummaryRow {
  const q = (r: EngineRun, at: number) => quantile(r.latencies, at);
  return {
    bench: `Search p50 / p99 at ${n.toLocaleString("en-US")} papers on Postgres (ms)`,
    ours: `${fmt(q(onPg, 0.5), 2)} / ${fmt(q(onPg, 0.99), 2)}`,
    baseline: `SQLite FTS5 (same queries): ${fmt(q(sqlite, 0.5), 2)} / ${fmt(q(sqlite, 0.99), 2)}`,
    ratio: `pg/sqlite: p50 ${fmt(q(onPg, 0.5) / q(sqlite, 0.5), 1)}×, p99 ${fmt(q(onPg, 0.99) / q(sqlite, 0.99), 1)}×; overlap@10 ${fmt(overlap(sqlite.top, onPg.top), 2)}`,
    target: "–",
    met: null,
  };
}

/** Search: our FTS5 store (bounded and exact ranking) vs MiniSearch and FlexSearch over the same corpus and queries. */
export async function runSearchBench(model: WordModel, options: SearchOptions): Promise<Section> {
  const queries: TopicQuery[] = [];
  for (const text of generateTopics(model, options.seed + 1, options.queries)) {
    try {
      queries.push(parseTopicQuery(text));
    } catch {
      continue;
    }
  }
  const rows: string[][] = [];
  const summary: SummaryRow[] = [];
  const pgSizes: number[] = [];
  for (const n of options.sizes) {
    const cached = await cachedStore(model, n, options.seed);
    log(`search: ${n.toLocaleString("en-US")} papers, ${queries.length} queries`);
    const ours = await runStore(cached.path, queries, undefined, "ours: FTS5 bm25, ranked in FTS5, winners read after (exact)");
    const before = await runBefore(cached.path, queries.slice(0, options.beforeQueries(n)));
    const windowed = await runStore(cached.path, queries, options.window, `ours with searchWindow ${options.window.toLocaleString("en-US")} (newest matches only; not the default)`);
    const runs = [ours, before, windowed];
    const pgTarget = (await options.pgAt?.(n)) ?? null;
    const onPg = pgTarget ? await runPg(pgTarget, queries) : null;
    const pgBefore = pgTarget ? await runPgBefore(pgTarget, queries.slice(0, options.beforeQueries(n))) : null;
    if (options.librariesAt(n)) {
      for (const make of [createMiniSearchEngine, createFlexSearchEngine]) {
        log(`search: building ${make === createMiniSearchEngine ? "MiniSearch" : "FlexSearch"} over ${n.toLocaleString("en-US")} papers`);
        runs.push(await runEngine(cached.path, queries, make));
      }
    }
    for (const r of runs) {
      rows.push([
        n.toLocaleString("en-US"), r.name, r === before ? "–" : runs.indexOf(r) < 3 ? `${fmt(r.buildSeconds, 2)} (open)` : fmt(r.buildSeconds, 1),
        r === before ? "–" : `${mb(r.heapBytes)} / ${mb(r.rssBytes)}`, fmt(quantile(r.latencies, 0.5), 2), fmt(quantile(r.latencies, 0.99), 2),
        r === ours ? "–" : fmt(overlap(ours.top, r.top), 2),
      ]);
    }
    if (onPg) {
      pgSizes.push(n);
      log(`search: postgres at ${n.toLocaleString("en-US")} papers: p50 ${fmt(quantile(onPg.latencies, 0.5), 2)} ms, p99 ${fmt(quantile(onPg.latencies, 0.99), 2)} ms`);
      rows.push([n.toLocaleString("en-US"), onPg.name, `${fmt(onPg.buildSeconds, 1)} (load)`, "in the server process", fmt(quantile(onPg.latencies, 0.5), 2), fmt(quantile(onPg.latencies, 0.99), 2), fmt(overlap(ours.top, onPg.top), 2)]);
      if (pgBefore) rows.push([n.toLocaleString("en-US"), pgBefore.name, "–", "in the server process", fmt(quantile(pgBefore.latencies, 0.5), 2), fmt(quantile(pgBefore.latencies, 0.99), 2), fmt(overlap(ours.top, pgBefore.top), 2)]);
    }
    const libs = runs.slice(3);
    const fastest = libs.sort((a, b) => quantile(a.latencies, 0.99) - quantile(b.latencies, 0.99))[0];
    const p99 = quantile(ours.latencies, 0.99);
    const lessMemory = libs.length > 0 && libs.every((l) => ours.heapBytes + Math.max(0, ours.rssBytes) < l.heapBytes);
    const withinTwo = fastest ? p99 <= 2 * quantile(fastest.latencies, 0.99) : null;
    summary.push({
      bench: `Search p50 / p99 at ${n.toLocaleString("en-US")} papers (ms)`,
      ours: `${fmt(quantile(ours.latencies, 0.5), 2)} / ${fmt(p99, 2)}`,
      baseline: fastest ? `${fastest.name}: ${fmt(quantile(fastest.latencies, 0.5), 2)} / ${fmt(quantile(fastest.latencies, 0.99), 2)}` : `libraries not run at this size; before the fix: ${fmt(quantile(before.latencies, 0.5), 2)} / ${fmt(quantile(before.latencies, 0.99), 2)}`,
      ratio: fastest ? `p99 ${fmt(p99 / quantile(fastest.latencies, 0.99), 1)}× the fastest library` : `p99 ${fmt(quantile(before.latencies, 0.99) / p99, 1)}× faster than before the fix`,
      target: n >= 1_000_000 ? "p99 < 20 ms; ≤ 2× fastest library; less memory" : "≤ 2× fastest library; less memory",
      met: n >= 1_000_000 ? p99 < 20 && withinTwo !== false && (libs.length === 0 || lessMemory) : withinTwo === null ? null : withinTwo && lessMemory,
    });
    if (onPg) summary.push(pgSummary(n, ours, onPg));
  }
  return {
    title: "Search (`/papers search`: PaperStore.search, top 10)",
    notes: [
      `${queries.length} queries generated like topics (single words, phrases, two words, OR, exclusions) from the fixtures' vocabulary; 20 warm-up queries, then each query once; latency per query.`,
      "Memory: heap growth after a full GC / RSS growth, from before the store was opened or the index built (the library indexes store no document fields; the store's text lives on disk).",
      "Build: the libraries index the same four columns read from the same store (title, ai_keywords, abstract, authors) with the same field weights; ours is already built (time to open).",
      "Overlap@10: share of our top 10 that the engine also returns in its top 10 (the libraries have no word families and no phrases, so they cannot agree fully). It is low for every other row, SQLite's own exact full ranking (before the fix, window) included, because ours ranks a query without exclusions in the title-and-keywords index first, and because this corpus draws from a few thousand words: most queries match hundreds to thousands of papers whose scores tie or nearly tie at the 10th place, so which ten come first is the tie-break, not relevance.",
      ...(pgSizes.length > 0
        ? [
            `Postgres (${pgSizes.map((n) => n.toLocaleString("en-US")).join(", ")} papers): the same corpus loaded into ${options.pgServer ?? "a Postgres server"} through the Postgres PaperStore.upsert (batches; the tsvector is a generated column with a GIN index), then ANALYZE; the same queries through the Postgres PaperStore.search in the same process and run (a pooled connection over loopback, so each query includes a round trip). Like SQLite, a query without exclusions ranks in the title-and-keywords vector (search_head) first and falls back to the full vector when that has fewer than 10 hits; the before-the-fix row is the old statement (every match ranked over the full vector) over the same queries. Overlap@10 is with SQLite's top 10: both stores match the same papers, but they score with different functions (ts_rank with length normalisation, no IDF, vs bm25), so among the many near-tied matches of a common word they pick different tens (test/db/search-overlap.test.ts measures the overlap on the real, labelled corpus: 0.967 for 10-hit searches). Its memory is the server's, not this process's.`,
          ]
        : []),
      "Why p99 stays high: bm25 is computed for every matching row (~1 µs each), and the generated corpus draws from the fixtures' small vocabulary (a few thousand words), so a common topic word with its word family matches most of the store; those words have near-zero idf, so their ranking is close to arbitrary anyway. The window row shows the cost/quality trade of bounding that work.",
    ],
    headers: ["papers", "engine", "build s", "memory (heap / RSS)", "p50 ms", "p99 ms", "overlap@10 with ours"],
    rows,
    summary,
  };
}

import type { OpenDatabase } from "../open-database.js";
import { createSqliteStoreTransfer } from "../sqlite-store-transfer.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { createPgStoreTransfer } from "./pg-store-transfer.js";

/** Rows a copy added to the Postgres store, by kind (0 everywhere on a re-run). */
export interface CopyCounts {
  /** Papers. */
  papers: number;
  /** Listing days of papers. */
  listings: number;
  /** Cached TL;DRs, full texts and embedding vectors. */
  summaries: number;
  /** Ingest-run ledger rows. */
  ingestRuns: number;
  /** Processed platform event ids. */
  events: number;
  /** Settings, subscriptions, votes, digest runs, posted messages and model usage (StoreTransfer's summary, added up). */
  channelState: number;
  /** Slack OAuth installations (still sealed: the Postgres instances need the same SLACK_INSTALLATION_KEY). */
  installations: number;
}

/** Papers columns copied as they are (pk is left to Postgres; search is generated). */
const PAPER_COLUMNS = [
  "id", "version", "title", "abstract", "authors", "published_at", "updated_at", "categories", "hf_upvotes", "hf_comments", "ai_summary",
  "ai_keywords", "github_repo", "github_stars", "project_page", "thumbnail", "doi", "journal_ref", "comment", "meta_source", "first_seen_at", "last_seen_at",
];

/** Rows per INSERT: 22 columns × 1000 stays under Postgres' 65,535 parameters. */
const BATCH = 1000;

type Row = Record<string, unknown>;

/** `INSERT INTO table (cols) SELECT * FROM unnest($1::type[], …) ON CONFLICT DO NOTHING`: one array parameter per column. */
async function insertRows(pg: OpenPgDatabase, table: string, columns: [string, string][], rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const sql = `INSERT INTO ${table} (${columns.map(([c]) => c).join(", ")}) SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")}) ON CONFLICT DO NOTHING`;
  const result = await pg.pool.query(sql, columns.map(([c]) => rows.map((r) => r[c] ?? null)));
  return result.rowCount ?? 0;
}

/**
 * Copies a SQLite store into a Postgres store: papers (with their listing days), the summary
 * cache, ingest runs, processed events, and everything StoreTransfer carries (settings,
 * subscriptions, votes, the delivery ledger, model usage, Slack installations). Every insert skips rows already
 * there, so running it again adds nothing. `onPapers` reports progress (papers copied, total).
 */
export async function copySqliteToPg(sqlite: OpenDatabase, pg: OpenPgDatabase, onPapers: (done: number, total: number) => void = () => undefined): Promise<CopyCounts> {
  const db = sqlite.sqlite;
  const counts: CopyCounts = { papers: 0, listings: 0, summaries: 0, ingestRuns: 0, events: 0, channelState: 0, installations: 0 };
  const total = (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
  const page = db.prepare(`SELECT pk, ${PAPER_COLUMNS.join(", ")} FROM papers WHERE pk > ? ORDER BY pk LIMIT ?`);
  const types: [string, string][] = PAPER_COLUMNS.map((c) => [c, ["version", "hf_upvotes", "hf_comments", "github_stars"].includes(c) ? "int" : "text"]);
  let done = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after, BATCH) as (Row & { pk: number })[];
    if (rows.length === 0) break;
    counts.papers += await insertRows(pg, "papers", types, rows);
    after = rows[rows.length - 1]?.pk ?? after;
    done += rows.length;
    onPapers(done, total);
  }
  const listings = db.prepare("SELECT paper_id, source, day, announce_type FROM paper_listings ORDER BY paper_id, source, day").all() as Row[];
  for (let i = 0; i < listings.length; i += 5000) {
    counts.listings += await insertRows(pg, "paper_listings", [["paper_id", "text"], ["source", "text"], ["day", "text"], ["announce_type", "text"]], listings.slice(i, i + 5000));
  }
  const summaries = db.prepare("SELECT * FROM summaries").all() as Row[];
  counts.summaries += await insertRows(pg, "summaries", [["paper_id", "text"], ["kind", "text"], ["model", "text"], ["text", "text"], ["written_by", "text"], ["paper_version", "int"], ["created_at", "text"]], summaries);
  const runs = db.prepare("SELECT * FROM ingest_runs ORDER BY id").all() as Row[];
  counts.ingestRuns += await insertRows(
    pg,
    "ingest_runs",
    [["id", "int"], ["source", "text"], ["day", "text"], ["started_at", "text"], ["finished_at", "text"], ["status", "text"], ["papers_new", "int"], ["papers_updated", "int"], ["bad", "text"], ["error", "text"]],
    runs,
  );
  // Explicit ids were copied: move the identity past them so new runs do not collide.
  await pg.pool.query("SELECT setval(pg_get_serial_sequence('ingest_runs', 'id'), greatest((SELECT max(id) FROM ingest_runs), 1))");
  counts.events += await insertRows(pg, "processed_events", [["event_key", "text"], ["at", "text"]], db.prepare("SELECT event_key, at FROM processed_events").all() as Row[]);
  // Learned counts and embeddings are not in the export (a store recomputes them), but copying them saves the work.
  counts.summaries += await insertRows(pg, "embeddings", [["cache_key", "text"], ["vector", "text"], ["created_at", "text"]], db.prepare("SELECT cache_key, vector, created_at FROM embeddings").all() as Row[]);
  await insertRows(pg, "topic_cooccurrence", [["topic_key", "text"], ["term", "text"], ["papers", "int"]], db.prepare("SELECT topic_key, term, papers FROM topic_cooccurrence").all() as Row[]);
  // Sources first: the import then backfills only votes that truly have none.
  await insertRows(pg, "vote_sources", [["conversation", "text"], ["paper_id", "text"], ["user_id", "text"], ["source", "text"], ["workspace", "text"], ["at", "text"]],
    db.prepare("SELECT conversation, paper_id, user_id, source, workspace, at FROM vote_sources").all() as Row[]);
  const summary = await createPgStoreTransfer(pg).importAll(await createSqliteStoreTransfer(sqlite).exportAll());
  const { installations, ...channelState } = summary;
  counts.channelState = Object.values(channelState).reduce((a, b) => a + b, 0);
  counts.installations = installations;
  return counts;
}

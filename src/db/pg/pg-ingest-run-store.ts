import type { Clock } from "../../core/clock.js";
import type { IngestRun, IngestRunStore, IngestStatus } from "../../core/papers/ingest-run-store.js";
import type { BadRecord } from "../../core/papers/paper.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

const STATUSES: readonly IngestStatus[] = ["running", "ok", "partial", "failed"];

function parseBad(text: string): BadRecord[] {
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
      .map((item) => ({ ref: String(item.ref ?? ""), reason: String(item.reason ?? "") }));
  } catch {
    return [];
  }
}

type Row = Omit<IngestRun, "status" | "bad"> & { status: string; bad: string };

const COLUMNS = `id, source, day, started_at AS "startedAt", finished_at AS "finishedAt", status, papers_new AS "papersNew",
  papers_updated AS "papersUpdated", bad, error`;

function toRun(row: Row): IngestRun {
  const status = STATUSES.includes(row.status as IngestStatus) ? (row.status as IngestStatus) : "failed";
  return { ...row, status, bad: parseBad(row.bad) };
}

/** The IngestRunStore ledger over Postgres. `clock` (system clock by default) stamps start and finish. */
export function createPgIngestRunStore(open: OpenPgDatabase, options: { clock?: Clock } = {}): IngestRunStore {
  const { pool } = open;
  const now = (): string => (options.clock ? options.clock.now() : new Date()).toISOString();
  return {
    async start(source, day) {
      const row = (
        await pool.query<{ id: number }>("INSERT INTO ingest_runs (source, day, started_at, status) VALUES ($1, $2, $3, 'running') RETURNING id", [
          source,
          day,
          now(),
        ])
      ).rows[0];
      if (!row) throw new Error("ingest_runs insert returned no id");
      return row.id;
    },
    async finish(id, result) {
      await pool.query(
        "UPDATE ingest_runs SET finished_at = $1, status = $2, papers_new = $3, papers_updated = $4, bad = $5, error = $6 WHERE id = $7",
        [now(), result.status, result.papersNew, result.papersUpdated, JSON.stringify(result.bad.map((b) => ({ ref: b.ref, reason: b.reason }))), result.error, id],
      );
    },
    async recent(limit, source) {
      const rows = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM ingest_runs WHERE ($1::text IS NULL OR source = $1) ORDER BY started_at DESC, id DESC LIMIT $2`,
        [source ?? null, Math.max(0, Math.trunc(limit))],
      );
      return rows.rows.map(toRun);
    },
  };
}

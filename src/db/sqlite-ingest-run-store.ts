import { desc, eq, sql } from "drizzle-orm";
import type { Clock } from "../core/clock.js";
import type { IngestRun, IngestRunStore, IngestStatus } from "../core/papers/ingest-run-store.js";
import type { BadRecord } from "../core/papers/paper.js";
import type { OpenDatabase } from "./open-database.js";
import { ingestRuns } from "./schema.js";

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

function toRun(row: typeof ingestRuns.$inferSelect): IngestRun {
  const status = STATUSES.includes(row.status as IngestStatus) ? (row.status as IngestStatus) : "failed";
  return { ...row, status, bad: parseBad(row.bad) };
}

/** The IngestRunStore ledger over SQLite. `clock` (system clock by default) stamps start and finish. */
export function createSqliteIngestRunStore(open: OpenDatabase, options: { clock?: Clock } = {}): IngestRunStore {
  const { db } = open;
  const now = (): string => (options.clock ? options.clock.now() : new Date()).toISOString();
  const start = db
    .insert(ingestRuns)
    .values({
      source: sql.placeholder("source"),
      day: sql.placeholder("day"),
      startedAt: sql.placeholder("startedAt"),
      status: "running",
    })
    .returning({ id: ingestRuns.id })
    .prepare();

  return {
    async start(source, day) {
      const row = start.get({ source, day, startedAt: now() });
      if (!row) throw new Error("ingest_runs insert returned no id");
      return row.id;
    },
    async finish(id, result) {
      db.update(ingestRuns)
        .set({
          finishedAt: now(),
          status: result.status,
          papersNew: result.papersNew,
          papersUpdated: result.papersUpdated,
          bad: JSON.stringify(result.bad.map((b) => ({ ref: b.ref, reason: b.reason }))),
          error: result.error,
        })
        .where(eq(ingestRuns.id, id))
        .run();
    },
    async recent(limit, source) {
      const query = db.select().from(ingestRuns);
      const filtered = source === undefined ? query : query.where(eq(ingestRuns.source, source));
      return filtered.orderBy(desc(ingestRuns.startedAt), desc(ingestRuns.id)).limit(Math.max(0, Math.trunc(limit))).all().map(toRun);
    },
  };
}

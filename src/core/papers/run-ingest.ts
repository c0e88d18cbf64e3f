import { isBotError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { IngestRun, IngestRunStore } from "./ingest-run-store.js";
import type { ParsedBatch } from "./paper.js";
import type { PaperStore } from "./paper-store.js";
import type { Telemetry } from "../telemetry.js";

/** What runIngest needs: the paper store, the ledger and a logger. */
export interface IngestDeps {
  /** Where good records are merged. */
  papers: PaperStore;
  /** The ingest ledger every run is recorded in. */
  ingestRuns: IngestRunStore;
  /** Where reasons for failed and partial runs are logged. */
  logger: Logger;
  /** Called with the ids stored for the first time, after each successful upsert (topic learning counts them); must not throw. */
  onStored?: (insertedIds: readonly string[]) => Promise<void>;
  /** Where finished runs are counted; absent counts nothing. */
  telemetry?: Telemetry;
}

/** How many rejected records the failure message quotes. */
const QUOTED_BAD = 1;

/** A one-line reason for the ledger: BotError messages as written, anything else prefixed. */
export function oneLineReason(err: unknown): string {
  const text = isBotError(err) ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** The ledger row for `id`, read back so callers see exactly what was stored. */
async function readBack(ingestRuns: IngestRunStore, id: number, source: string, fallback: IngestRun): Promise<IngestRun> {
  return (await ingestRuns.recent(50, source)).find((run) => run.id === id) ?? fallback;
}

/**
 * Runs one ingest: records its start in the ledger, calls `load`, and merges the good
 * records in one upsert. Status is `ok`, `partial` (some records were bad), or `failed`
 * (load threw, the store refused the batch, or every record was bad); a failed run touches
 * no papers. Never throws for upstream or parse failures: the failed run is returned and
 * its one-line reason is logged and kept in the ledger.
 */
export async function runIngest(deps: IngestDeps, source: string, day: string | null, load: () => Promise<ParsedBatch>): Promise<IngestRun> {
  const log = deps.logger.child({ ingest: source, day });
  const startedAt = new Date().toISOString();
  const id = await deps.ingestRuns.start(source, day);
  const base: IngestRun = { id, source, day, startedAt, finishedAt: null, status: "running", papersNew: 0, papersUpdated: 0, bad: [], error: null };

  const fail = async (error: string, bad: ParsedBatch["bad"], detail: unknown): Promise<IngestRun> => {
    await deps.ingestRuns.finish(id, { status: "failed", papersNew: 0, papersUpdated: 0, bad, error });
    deps.telemetry?.ingestFinished(source, "failed", 0);
    log.warn({ reason: error, detail: isBotError(detail) ? detail.detail : undefined }, "ingest failed");
    return readBack(deps.ingestRuns, id, source, { ...base, status: "failed", bad, error, finishedAt: new Date().toISOString() });
  };

  let batch: ParsedBatch;
  try {
    batch = await load();
  } catch (err) {
    return fail(oneLineReason(err), [], err);
  }
  if (batch.papers.length === 0 && batch.bad.length > 0) {
    const first = batch.bad.slice(0, QUOTED_BAD).map((b) => `${b.ref}: ${b.reason}`).join("; ");
    return fail(`${batch.bad.length === 1 ? "the only record was" : `all ${batch.bad.length} records were`} rejected (${first})`, batch.bad, null);
  }

  let papersNew = 0;
  let papersUpdated = 0;
  if (batch.papers.length > 0) {
    try {
      const result = await deps.papers.upsert(batch.papers);
      papersNew = result.inserted.length;
      papersUpdated = result.updated.length;
      if (deps.onStored && result.inserted.length > 0) await deps.onStored(result.inserted);
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, "storing papers failed");
      return fail(`storing papers failed: ${oneLineReason(err)}`, batch.bad, err);
    }
  }
  const status = batch.bad.length > 0 ? "partial" : "ok";
  await deps.ingestRuns.finish(id, { status, papersNew, papersUpdated, bad: batch.bad, error: null });
  deps.telemetry?.ingestFinished(source, status, papersNew + papersUpdated);
  if (status === "partial") {
    log.warn({ bad: batch.bad.length, refs: batch.bad.slice(0, 10).map((b) => b.ref) }, "ingest skipped bad records");
  }
  log.info({ status, papersNew, papersUpdated }, "ingest finished");
  return readBack(deps.ingestRuns, id, source, { ...base, status, papersNew, papersUpdated, bad: batch.bad, finishedAt: new Date().toISOString() });
}

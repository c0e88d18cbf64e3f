import { statSync } from "node:fs";
import { openDatabase } from "../src/db/open-database.js";
import { createSqlitePaperStore } from "../src/db/sqlite-paper-store.js";
import { benchPath, log } from "./bench-env.js";
import { generatePapers } from "./corpus.js";
import type { Section } from "./report.js";
import { fmt, median } from "./stats.js";
import { LOAD_BATCH, removeDb } from "./store-cache.js";
import type { WordModel } from "./word-model.js";

/** Sizes for the ingest bench. */
export interface IngestOptions {
  /** Papers in the batched backfill. */
  papers: number;
  /** Papers inserted one per transaction afterwards (the baseline sample). */
  baselineSample: number;
  /** Corpus seed. */
  seed: number;
}

/** Ingest: batched PaperStore.upsert (FTS index included) vs one autocommitted upsert per row, same store, same run. */
export async function runIngestBench(model: WordModel, options: IngestOptions): Promise<Section> {
  const { papers, baselineSample, seed } = options;
  const path = benchPath(`ingest-${papers}-s${seed}.db`);
  removeDb(path);
  const total = papers + baselineSample;
  const inputs = generatePapers(model, seed, 0, total, total);
  const db = openDatabase(path);
  const store = createSqlitePaperStore(db);
  log(`ingest: ${papers.toLocaleString("en-US")} papers in batches of ${LOAD_BATCH}`);
  const batchRates: number[] = [];
  const start = performance.now();
  for (let from = 0; from < papers; from += LOAD_BATCH) {
    const batch = inputs.slice(from, Math.min(papers, from + LOAD_BATCH));
    const t = performance.now();
    await store.upsert(batch);
    batchRates.push(batch.length / ((performance.now() - t) / 1000));
  }
  const batchedSeconds = (performance.now() - start) / 1000;
  const batchedRate = papers / batchedSeconds;
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = statSync(path).size;
  const ftsBytes = ftsShare(db.sqlite);

  log(`ingest baseline: ${baselineSample.toLocaleString("en-US")} papers, one upsert (transaction) per row`);
  const rowTimes: number[] = [];
  const baseStart = performance.now();
  for (let i = papers; i < total; i += 1) {
    const t = performance.now();
    await store.upsert([inputs[i]!]);
    rowTimes.push(performance.now() - t);
  }
  const baselineRate = baselineSample / ((performance.now() - baseStart) / 1000);
  db.close();
  removeDb(path);
  const ratio = batchedRate / baselineRate;
  return {
    title: `Ingest (${papers.toLocaleString("en-US")}-paper backfill through PaperStore.upsert, FTS5 index included)`,
    notes: [
      `Batched: ${papers.toLocaleString("en-US")} generated papers into a fresh WAL store through \`PaperStore.upsert\` in batches of ${LOAD_BATCH.toLocaleString("en-US")} (each batch one transaction, FTS5 rows written by the upsert).`,
      `Baseline: the next ${baselineSample.toLocaleString("en-US")} papers into the same store (already ${papers.toLocaleString("en-US")} papers), one \`upsert([paper])\` per row, so one autocommitted transaction each; a sample, reported per paper.`,
      "Size: the file after a WAL checkpoint, divided by the papers in it; FTS share from SQLite's dbstat.",
    ],
    headers: ["run", "papers", "papers/s (overall)", "papers/s (median batch or row)", "ms/paper (median)", "DB bytes/paper", "FTS share"],
    rows: [
      ["batched upsert", papers.toLocaleString("en-US"), fmt(batchedRate, 0), fmt(median(batchRates), 0), fmt(1000 / median(batchRates), 3), fmt(bytes / papers, 0), ftsBytes === null ? "n/a" : `${fmt((100 * ftsBytes) / bytes, 0)}%`],
      ["one per row (baseline)", baselineSample.toLocaleString("en-US"), fmt(baselineRate, 0), fmt(1000 / median(rowTimes), 0), fmt(median(rowTimes), 3), "", ""],
    ],
    summary: [
      { bench: `Ingest ${papers.toLocaleString("en-US")} papers incl. FTS (papers/s)`, ours: fmt(batchedRate, 0), baseline: `${fmt(baselineRate, 0)} (row-at-a-time, n=${baselineSample.toLocaleString("en-US")})`, ratio: `${fmt(ratio, 1)}×`, target: "≥ 20,000 papers/s", met: batchedRate >= 20_000 },
      { bench: "DB size on disk", ours: `${fmt(bytes / papers / 1024, 2)} KiB/paper`, baseline: "", ratio: "", target: "–", met: null },
    ],
  };
}

/** Bytes in papers_fts shadow tables, via dbstat when compiled in; null otherwise. */
function ftsShare(sqlite: import("better-sqlite3").Database): number | null {
  try {
    const row = sqlite.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'papers_fts%'").get() as { b: number | null };
    return row.b ?? null;
  } catch {
    return null;
  }
}

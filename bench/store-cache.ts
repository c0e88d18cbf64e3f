import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { openDatabase } from "../src/db/open-database.js";
import { createSqlitePaperStore } from "../src/db/sqlite-paper-store.js";
import { benchPath, log } from "./bench-env.js";
import { generatePapers } from "./corpus.js";
import type { WordModel } from "./word-model.js";

/** Papers per PaperStore.upsert call when loading a corpus. */
export const LOAD_BATCH = 5000;
/** Bump when the generator or schema changes so stale cached stores are rebuilt. */
const CACHE_VERSION = 2;

/** A cached corpus store and how it was built. */
export interface CachedStore {
  /** SQLite file. */
  path: string;
  /** Papers in it. */
  papers: number;
  /** Seconds the load took when it was built (maybe in an earlier run). */
  buildSeconds: number;
  /** True when this run built it. */
  builtNow: boolean;
}

/** Removes a SQLite file and its WAL/SHM companions. */
export function removeDb(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
}

/** Loads papers [0, n) of the corpus into an open store path in LOAD_BATCH batches; returns seconds. */
export async function loadCorpus(path: string, model: WordModel, seed: number, n: number, total = n): Promise<number> {
  const db = openDatabase(path);
  const store = createSqlitePaperStore(db);
  const start = performance.now();
  for (let from = 0; from < n; from += LOAD_BATCH) {
    await store.upsert(generatePapers(model, seed, from, Math.min(n, from + LOAD_BATCH), total));
    if (from % 100_000 === 0 && from > 0) log(`  loaded ${from.toLocaleString("en-US")} papers`);
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return seconds;
}

/** The store for an n-paper corpus with `seed`, built once under .bench/ and reused (keyed by size, seed and version). */
export async function cachedStore(model: WordModel, n: number, seed: number): Promise<CachedStore> {
  const path = benchPath(`store-${n}-s${seed}-v${CACHE_VERSION}.db`);
  const marker = `${path}.json`;
  if (existsSync(path) && existsSync(marker)) {
    const meta = JSON.parse(readFileSync(marker, "utf8")) as { buildSeconds: number };
    return { path, papers: n, buildSeconds: meta.buildSeconds, builtNow: false };
  }
  removeDb(path);
  log(`building the ${n.toLocaleString("en-US")}-paper store at ${path}`);
  const buildSeconds = await loadCorpus(path, model, seed, n);
  writeFileSync(marker, JSON.stringify({ n, seed, buildSeconds }));
  return { path, papers: n, buildSeconds, builtNow: true };
}

import { addDays } from "../clock.js";
import type { IngestRun } from "./ingest-run-store.js";
import type { ParsedBatch } from "./paper.js";
import { runIngest, type IngestDeps } from "./run-ingest.js";

/** A source with one list per UTC day (Hugging Face Daily Papers). */
export interface DailySource {
  /** Ledger name (`hf`). */
  name: string;
  /** Every paper listed on `day` (YYYY-MM-DD, UTC). Throws BotError when the upstream fails. */
  fetchDay(day: string): Promise<ParsedBatch>;
}

/** A source with one current listing (an arXiv RSS feed, rebuilt daily at midnight ET). */
export interface ListingSource {
  /** Ledger name (`arxiv-rss`). */
  name: string;
  /** The current listing and the day it announces (null when the feed gives none). Throws BotError on upstream failure. */
  fetchListing(): Promise<ParsedBatch & { listingDay: string | null }>;
}

/** Called after each run: runs done so far, runs planned, and a label such as `hf 2026-06-12`. */
export type IngestProgress = (done: number, total: number, label: string) => void;

/** What ingestRecent fetches. */
export interface IngestRecentOptions {
  /** HF Daily Papers; omitted when disabled. */
  hf?: DailySource;
  /** Listing feeds, each fetched once. */
  listings?: ListingSource[];
  /** Today, YYYY-MM-DD (UTC). */
  today: string;
  /** How many days before today to re-fetch from HF (late additions, new upvotes, ai_summary). */
  refetchDays: number;
  /** Progress callback. */
  onProgress?: IngestProgress;
}

/**
 * Ingests HF's lists for `today` and the `refetchDays` days before it (oldest first), then
 * each listing feed once, one ledger run each. A failing source does not stop the others;
 * returns every run in order.
 */
export async function ingestRecent(deps: IngestDeps, options: IngestRecentOptions): Promise<IngestRun[]> {
  const days = options.hf ? Array.from({ length: options.refetchDays + 1 }, (_, i) => addDays(options.today, i - options.refetchDays)) : [];
  const listings = options.listings ?? [];
  const total = days.length + listings.length;
  const runs: IngestRun[] = [];
  const hf = options.hf;
  for (const day of days) {
    if (!hf) break;
    runs.push(await runIngest(deps, hf.name, day, () => hf.fetchDay(day)));
    options.onProgress?.(runs.length, total, `${hf.name} ${day}`);
  }
  for (const listing of listings) {
    runs.push(await runIngest(deps, listing.name, null, () => listing.fetchListing()));
    options.onProgress?.(runs.length, total, listing.name);
  }
  return runs;
}

/** Ingests `days` (YYYY-MM-DD) from a daily source one by one, for backfills; a failed day does not stop the rest. */
export async function ingestDays(deps: IngestDeps, source: DailySource, days: string[], onProgress?: IngestProgress): Promise<IngestRun[]> {
  const runs: IngestRun[] = [];
  for (const day of days) {
    runs.push(await runIngest(deps, source.name, day, () => source.fetchDay(day)));
    onProgress?.(runs.length, days.length, `${source.name} ${day}`);
  }
  return runs;
}

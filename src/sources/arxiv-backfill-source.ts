import type { DailySource } from "../core/papers/ingest-recent.js";
import type { ArxivApiClient } from "./arxiv-api.js";

/**
 * Past days from the arXiv export API (the listing feeds only serve today): every paper in
 * the configured categories submitted on a UTC day. For `papers ingest --source arxiv --date D`
 * and `--days N` backfills; the shared limiter keeps it to one request every 3 s.
 */
export function createArxivBackfillSource(client: ArxivApiClient, categories: string[]): DailySource {
  return { name: "arxiv-api", fetchDay: (day) => client.fetchSubmittedOn(day, categories) };
}

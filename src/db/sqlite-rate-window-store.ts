import type { RateWindowStore } from "../core/limits/rate-window-store.js";
import type { OpenDatabase } from "./open-database.js";

/** The one upsert behind `take`: a new window starts at n; an existing one grows by n only while it stays within the limit. */
const TAKE = `INSERT INTO rate_windows (bucket, window_start, taken) VALUES (?, ?, ?)
  ON CONFLICT (bucket, window_start) DO UPDATE SET taken = rate_windows.taken + excluded.taken
  WHERE rate_windows.taken + excluded.taken <= ?`;

/** RateWindowStore over SQLite's rate_windows table (one statement per take; SQLite's write lock makes takers take turns). */
export function createSqliteRateWindowStore(open: OpenDatabase): RateWindowStore {
  const { sqlite } = open;
  const take = sqlite.prepare<[string, string, number, number]>(TAKE);
  const taken = sqlite.prepare<[string, string], { taken: number }>("SELECT taken FROM rate_windows WHERE bucket = ? AND window_start = ?");
  const prune = sqlite.prepare<[string]>("DELETE FROM rate_windows WHERE window_start < ?");
  return {
    take: async (bucket, windowStartIso, n, limit) => n <= limit && take.run(bucket, windowStartIso, n, limit).changes > 0,
    taken: async (bucket, windowStartIso) => taken.get(bucket, windowStartIso)?.taken ?? 0,
    prune: async (beforeIso) => prune.run(beforeIso).changes,
  };
}

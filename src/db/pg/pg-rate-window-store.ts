import type { RateWindowStore } from "../../core/limits/rate-window-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

/** The one upsert behind `take`: ON CONFLICT locks the window's row, so racing takers add up one after another and the WHERE sees every earlier take. */
const TAKE = `INSERT INTO rate_windows (bucket, window_start, taken) VALUES ($1, $2, $3)
  ON CONFLICT (bucket, window_start) DO UPDATE SET taken = rate_windows.taken + excluded.taken
  WHERE rate_windows.taken + excluded.taken <= $4`;

/** RateWindowStore over Postgres' rate_windows table (one statement per take). */
export function createPgRateWindowStore(open: OpenPgDatabase): RateWindowStore {
  const { pool } = open;
  return {
    take: async (bucket, windowStartIso, n, limit) => n <= limit && ((await pool.query(TAKE, [bucket, windowStartIso, n, limit])).rowCount ?? 0) > 0,
    taken: async (bucket, windowStartIso) => (await pool.query<{ taken: number }>("SELECT taken FROM rate_windows WHERE bucket = $1 AND window_start = $2", [bucket, windowStartIso])).rows[0]?.taken ?? 0,
    prune: async (beforeIso) => (await pool.query("DELETE FROM rate_windows WHERE window_start < $1", [beforeIso])).rowCount ?? 0,
  };
}

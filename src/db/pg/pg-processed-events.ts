import type { ProcessedEvents } from "../../core/votes/processed-events.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

/** ProcessedEvents over Postgres' processed_events table (INSERT … ON CONFLICT DO NOTHING on the primary key). */
export function createPgProcessedEvents(open: OpenPgDatabase): ProcessedEvents {
  const { pool } = open;
  return {
    markIfNew: async (eventKey) => ((await pool.query("INSERT INTO processed_events (event_key) VALUES ($1) ON CONFLICT DO NOTHING", [eventKey])).rowCount ?? 0) > 0,
    prune: async (olderThanIso) => (await pool.query("DELETE FROM processed_events WHERE at < $1", [olderThanIso])).rowCount ?? 0,
  };
}

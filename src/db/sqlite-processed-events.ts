import { lt, sql } from "drizzle-orm";
import type { ProcessedEvents } from "../core/votes/processed-events.js";
import type { OpenDatabase } from "./open-database.js";
import { processedEvents } from "./schema.js";

/** Platform event ids already handled, so a redelivered event (Slack retries, gateway replays) acts once. */

/** ProcessedEvents over the processed_events table (INSERT OR IGNORE on the primary key). */
export function createSqliteProcessedEvents(open: OpenDatabase): ProcessedEvents {
  const { db } = open;
  const mark = db
    .insert(processedEvents)
    .values({ eventKey: sql.placeholder("eventKey") })
    .onConflictDoNothing()
    .prepare();
  const prune = db
    .delete(processedEvents)
    .where(lt(processedEvents.at, sql.placeholder("before")))
    .prepare();
  return {
    markIfNew: async (eventKey) => mark.run({ eventKey }).changes > 0,
    prune: async (olderThanIso) => prune.run({ before: olderThanIso }).changes,
  };
}

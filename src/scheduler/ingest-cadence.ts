/** How often the scheduler fetches papers: more often while HF lists fill over the early UTC morning. */
export interface IngestCadence {
  /** Minutes between ingests before `earlyUntilHourUtc`. Default 10. */
  earlyEveryMinutes: number;
  /** Minutes between ingests for the rest of the day. Default 30. */
  everyMinutes: number;
  /** UTC hour (0-24) until which the early cadence applies. Default 10. */
  earlyUntilHourUtc: number;
}

/** Every 10 minutes from 00:00 to 10:00 UTC, when HF lists fill and most posts are due; every 30 minutes after. */
export const DEFAULT_INGEST_CADENCE: IngestCadence = { earlyEveryMinutes: 10, everyMinutes: 30, earlyUntilHourUtc: 10 };

/** Tolerance for a once-a-minute tick that fires a little early: the interval still counts as passed, ms. */
const TICK_TOLERANCE_MS = 30_000;

/** The gap between ingests at `now`, ms. */
export function ingestIntervalMs(now: Date, cadence: IngestCadence = DEFAULT_INGEST_CADENCE): number {
  const early = now.getUTCHours() < cadence.earlyUntilHourUtc;
  return (early ? cadence.earlyEveryMinutes : cadence.everyMinutes) * 60_000;
}

/** True when an ingest should start at `now`, given when the last one started (null: never, e.g. just after start). */
export function ingestDue(now: Date, lastStartedAt: Date | null, cadence: IngestCadence = DEFAULT_INGEST_CADENCE): boolean {
  if (lastStartedAt === null) return true;
  return now.getTime() - lastStartedAt.getTime() >= ingestIntervalMs(now, cadence) - TICK_TOLERANCE_MS;
}

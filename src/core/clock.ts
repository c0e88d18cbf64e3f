/** Source of "now", injected so tests and backfills can pin the date. */
export interface Clock {
  /** Current instant. */
  now(): Date;
}

/** The system clock. */
export function createSystemClock(): Clock {
  return { now: () => new Date() };
}

/** A clock frozen at `iso` (tests, `--date`). */
export function createFixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at.getTime()) };
}

/** YYYY-MM-DD of `date` in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds `days` (may be negative) to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return utcDay(d);
}

/** True when `text` is a real calendar day in YYYY-MM-DD form. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && utcDay(d) === text;
}

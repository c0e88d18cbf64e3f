import { addDays } from "../clock.js";
import { BotError } from "../errors.js";
import type { ChannelSettings } from "./channel-settings-store.js";

/** The schedule part of a channel's settings. */
export type ScheduleSettings = Pick<ChannelSettings, "postTime" | "timezone" | "days">;

/** One scheduled post: the channel-local date it is for and the instant it is due. */
export interface ScheduleSlot {
  /** Channel-local date of the post, YYYY-MM-DD (the ledger's digestDay). */
  digestDay: string;
  /** When it is due, ISO 8601 UTC. */
  at: string;
}

/** Wall-clock facts about an instant in a timezone. */
export interface LocalParts {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** Local time, HH:MM (24 h). */
  time: string;
  /** ISO weekday of the local date (1 = Monday … 7 = Sunday). */
  isoWeekday: number;
}

/** Every ISO weekday, Monday first. */
export const ALL_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const DAY_ALIASES: Record<string, number[]> = {
  daily: [...ALL_DAYS],
  everyday: [...ALL_DAYS],
  all: [...ALL_DAYS],
  weekdays: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  weekend: [6, 7],
};

/** What a days spec looks like, for messages. */
export const DAYS_HINT = "mon-fri, weekdays, weekends, daily, mon,wed,fri or ISO numbers 1-7 (1 = Monday)";

/** True when `text` is a 24-hour `H:MM` or `HH:MM` time. */
export function isPostTime(text: string): boolean {
  return TIME_RE.test(text.trim());
}

/** Normalises a 24-hour time to `HH:MM`; throws INVALID_ARGS for `25:00`, `9am` and the like. */
export function parsePostTime(text: string): string {
  const m = TIME_RE.exec(text.trim());
  if (!m) throw new BotError("INVALID_ARGS", `"${text.slice(0, 20)}" is not a time: use 24-hour HH:MM, e.g. 09:00 or 17:30.`);
  return `${m[1]!.padStart(2, "0")}:${m[2]}`;
}

/** The canonical IANA name of `text` (case-insensitive); throws INVALID_ARGS for unknown zones and raw offsets. */
export function parseTimezone(text: string): string {
  const name = text.trim();
  const hint = `Unknown timezone "${name.slice(0, 40)}"; use a name like Europe/Paris or America/New_York`;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) throw new BotError("INVALID_ARGS", hint);
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new BotError("INVALID_ARGS", hint);
  }
}

function dayNumber(word: string): number | null {
  if (/^[1-7]$/.test(word)) return Number(word);
  const index = word.length >= 3 ? DAY_NAMES.findIndex((d) => d.startsWith(word)) : -1;
  return index < 0 ? null : index + 1;
}

/** True when `text` parses as a days spec (so a command can tell days from a timezone). */
export function isDaysSpec(text: string): boolean {
  try {
    parseDays(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses a days spec into sorted ISO weekdays: `daily`, `weekdays`, `weekends`, `mon-fri`
 * (ranges may wrap, `fri-mon`), `mon,wed,fri`, `1,3,5`. Throws INVALID_ARGS otherwise.
 */
export function parseDays(text: string): number[] {
  const parts = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const fail = () => new BotError("INVALID_ARGS", `"${text.slice(0, 40)}" is not a set of days: use ${DAYS_HINT}.`);
  if (parts.length === 0) throw fail();
  const days = new Set<number>();
  for (const part of parts) {
    const alias = DAY_ALIASES[part];
    if (alias) {
      alias.forEach((d) => days.add(d));
      continue;
    }
    const range = /^([a-z]+|\d)-([a-z]+|\d)$/.exec(part);
    if (range) {
      const from = dayNumber(range[1]!);
      const to = dayNumber(range[2]!);
      if (from === null || to === null) throw fail();
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d);
        if (d === to) break;
      }
      continue;
    }
    const single = dayNumber(part);
    if (single === null) throw fail();
    days.add(single);
  }
  return [...days].sort((a, b) => a - b);
}

/** A short label for a set of ISO weekdays: `every day`, `weekdays`, `weekends` or `Mon, Wed, Fri`. */
export function formatDays(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(",");
  if (key === "1,2,3,4,5,6,7") return "every day";
  if (key === "1,2,3,4,5") return "weekdays (Mon-Fri)";
  if (key === "6,7") return "weekends";
  return days.map((d) => DAY_LABELS[d - 1] ?? String(d)).join(", ");
}

/**
 * Building an Intl.DateTimeFormat costs far more than using one, and a tick computes slots
 * for thousands of channels: one immutable formatter per zone is memoised here (bounded by
 * the number of IANA zones, so not state that changes behaviour).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timezone);
  if (!fmt) {
    fmt = createFormatter(timezone);
    formatters.set(timezone, fmt);
  }
  return fmt;
}

function createFormatter(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The local wall-clock reading of instant `ms`, expressed as if it were UTC milliseconds. */
function wallMs(fmt: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
}

/** Offset of the zone at instant `ms` (local minus UTC), milliseconds. */
function offsetMs(fmt: Intl.DateTimeFormat, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(fmt, whole) - whole;
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The local date, time and weekday of `instant` in `timezone`. */
export function localParts(instant: Date, timezone: string): LocalParts {
  const iso = new Date(wallMs(formatterFor(timezone), instant.getTime())).toISOString();
  const day = iso.slice(0, 10);
  return { day, time: iso.slice(11, 16), isoWeekday: isoWeekday(day) };
}

/**
 * The UTC instant at which the wall clock in `timezone` reads `time` on local date `day`.
 * In a spring-forward gap it is the first valid instant after the gap (02:30 → 03:00 new
 * time); in a fall-back overlap it is the first occurrence.
 */
export function zonedTimeToUtc(day: string, time: string, timezone: string): Date {
  const fmt = formatterFor(timezone);
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetMs(fmt, wanted - DAY_MS);
  const after = offsetMs(fmt, wanted + DAY_MS);
  if (before === after) return new Date(wanted - before);
  const valid = [wanted - before, wanted - after].filter((t) => wallMs(fmt, t) === wanted).sort((a, b) => a - b);
  if (valid.length > 0) return new Date(valid[0]!);
  let lo = Math.min(wanted - before, wanted - after);
  let hi = Math.max(wanted - before, wanted - after);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallMs(fmt, mid) >= wanted) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

function scheduled(settings: ScheduleSettings): settings is ScheduleSettings & { postTime: string } {
  return settings.postTime !== null && settings.days.length > 0;
}

function slotOn(settings: ScheduleSettings & { postTime: string }, day: string): ScheduleSlot | null {
  if (!settings.days.includes(isoWeekday(day))) return null;
  return { digestDay: day, at: zonedTimeToUtc(day, settings.postTime, settings.timezone).toISOString() };
}

/** Every slot due at or before `now` on the local dates from `lookbackDays` days ago to today, oldest first. */
export function recentSlots(settings: ScheduleSettings, now: Date, lookbackDays: number): ScheduleSlot[] {
  if (!scheduled(settings)) return [];
  const today = localParts(now, settings.timezone).day;
  const slots: ScheduleSlot[] = [];
  for (let i = lookbackDays; i >= 0; i--) {
    const slot = slotOn(settings, addDays(today, -i));
    if (slot && Date.parse(slot.at) <= now.getTime()) slots.push(slot);
  }
  return slots;
}

/** The latest slot due at or before `now` (within the past week), or null when nothing is scheduled. */
export function previousDue(settings: ScheduleSettings, now: Date): ScheduleSlot | null {
  if (!scheduled(settings)) return null;
  const today = localParts(now, settings.timezone).day;
  for (let i = 0; i <= 7; i++) {
    const slot = slotOn(settings, addDays(today, -i));
    if (slot && Date.parse(slot.at) <= now.getTime()) return slot;
  }
  return null;
}

/** The first slot due strictly after `now`, or null when nothing is scheduled. */
export function nextDue(settings: ScheduleSettings, now: Date): ScheduleSlot | null {
  if (!scheduled(settings)) return null;
  const today = localParts(now, settings.timezone).day;
  for (let i = 0; i <= 8; i++) {
    const slot = slotOn(settings, addDays(today, i));
    if (slot && Date.parse(slot.at) > now.getTime()) return slot;
  }
  return null;
}

/** `Mon 2026-08-03 09:00 Europe/Paris`: an instant as the channel reads it, named by its zone. */
export function formatLocal(instant: Date, timezone: string): string {
  const parts = localParts(instant, timezone);
  return `${DAY_LABELS[parts.isoWeekday - 1]} ${parts.day} ${parts.time} ${timezone}`;
}

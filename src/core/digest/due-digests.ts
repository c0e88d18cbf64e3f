import { addDays } from "../clock.js";
import type { ChannelSettings } from "./channel-settings-store.js";
import type { DigestRequest } from "./deliver-digest.js";
import type { DeliveryLedger, DigestRun } from "./delivery-ledger.js";
import { localParts, previousDue, recentSlots, type ScheduleSlot } from "./delivery-times.js";

/** Timing and bounds for dueDigests. */
export interface DueDigestOptions {
  /** The instant to evaluate. */
  now: Date;
  /** This process's lease owner id. */
  owner: string;
  /** A digest is late when its due time is more than this ago, ms. Default 15 min. */
  lateAfterMs?: number;
  /** How long after its due time to wait for a list that is not out yet, ms. Default 3 h. */
  waitMs?: number;
  /** Most missed digests the `all` policy catches up, counted in days back. Default 7. */
  maxCatchUpDays?: number;
  /** Keys (digestKey) of digests first tried on time and still waiting for their list: retried, never marked late. */
  waiting?: ReadonlySet<string>;
}

/** Default: a post is late when it goes out more than 15 minutes after its time. */
export const DEFAULT_LATE_AFTER_MS = 15 * 60_000;
/** Default: wait up to 3 hours for the day's list before posting what there is or a notice. */
export const DEFAULT_WAIT_MS = 3 * 3_600_000;
/** Default bound of the `all` catch-up policy, days. */
export const DEFAULT_MAX_CATCH_UP_DAYS = 7;

/** The key of one channel's digest for one day (for sets of waiting digests). */
export function digestKey(conversation: string, digestDay: string): string {
  return `${conversation}@${digestDay}`;
}

/**
 * True when the last settings change happened while one of the channel's runs was in
 * progress: the delivery engine records failures and recoveries on the settings, and such
 * a change must not stop missed digests being caught up (only a person's change does).
 */
function changedByEngine(settings: ChannelSettings, runs: Map<string, DigestRun>, now: Date): boolean {
  const nowIso = now.toISOString();
  return [...runs.values()].some((r) => r.startedAt <= settings.updatedAt && settings.updatedAt <= (r.finishedAt ?? nowIso));
}

/**
 * The scheduled slots of one channel that are due now under its catch-up policy, oldest
 * first (before choosing at most one). Slots due before the channel's last settings change
 * (`updatedAt`: a new schedule, a resume) are not caught up unless already waiting for their
 * list, and slots at or before its newest run are never "missed".
 */
function dueSlots(settings: ChannelSettings, slots: ScheduleSlot[], runs: Map<string, DigestRun>, options: Required<Omit<DueDigestOptions, "waiting" | "owner">> & { waiting: ReadonlySet<string> }): ScheduleSlot[] {
  const floor = changedByEngine(settings, runs, options.now) ? -Infinity : Date.parse(settings.updatedAt);
  const newestRun = [...runs.keys()].sort().at(-1) ?? "";
  const now = options.now.getTime();
  const waiting = (s: ScheduleSlot) => options.waiting.has(digestKey(settings.conversation, s.digestDay));
  const open = slots.filter((s) => !runs.has(s.digestDay) && s.digestDay > newestRun && (Date.parse(s.at) >= floor || waiting(s)));
  const onTime = (s: ScheduleSlot) => now - Date.parse(s.at) <= options.lateAfterMs || waiting(s);
  switch (settings.catchUp) {
    case "all":
      return open;
    case "skip":
      return open.filter(onTime);
    case "latest":
      return open;
  }
}

/**
 * The digests due at `options.now` across every scheduled channel: ONE pass serves any
 * number of channels. Per channel, at most one digest is returned per call (oldest first),
 * so a channel's catch-up days never interleave; the next call returns the next one.
 *
 * - Paused channels and channels without a post time or days are skipped.
 * - A digest whose run finished is never due again; a started, unfinished run (a crash
 *   mid-delivery) is due first, so the rest goes out.
 * - Catch-up: `latest` delivers only the most recent slot if it has not run (late when
 *   more than `lateAfterMs` past); `all` every missed slot of the last `maxCatchUpDays`
 *   days; `skip` only slots that are on time (or already waiting for their list).
 * - `cutoff` is the due time plus `waitMs`.
 */
export async function dueDigests(settings: ChannelSettings[], ledger: Pick<DeliveryLedger, "recentRuns">, options: DueDigestOptions): Promise<DigestRequest[]> {
  const opts = {
    now: options.now,
    lateAfterMs: options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS,
    waitMs: options.waitMs ?? DEFAULT_WAIT_MS,
    maxCatchUpDays: options.maxCatchUpDays ?? DEFAULT_MAX_CATCH_UP_DAYS,
    waiting: options.waiting ?? new Set<string>(),
  };
  const due: DigestRequest[] = [];
  // Channels sharing a schedule share its slots: computed once per pass.
  const slotMemo = new Map<string, ScheduleSlot[]>();
  const windowMemo = new Map<string, string>();
  const slotsOf = (s: ChannelSettings): ScheduleSlot[] => {
    const key = `${s.timezone}|${s.postTime}|${s.days.join(",")}|${s.catchUp === "all"}`;
    let slots = slotMemo.get(key);
    if (!slots) {
      const last = previousDue(s, opts.now);
      slots = !last ? [] : s.catchUp === "all" ? recentSlots(s, opts.now, opts.maxCatchUpDays) : [last];
      slotMemo.set(key, slots);
    }
    return slots;
  };
  for (const s of settings) {
    if (s.paused || s.postTime === null || s.days.length === 0) continue;
    let windowStart = windowMemo.get(s.timezone);
    if (windowStart === undefined) {
      windowStart = addDays(localParts(opts.now, s.timezone).day, -opts.maxCatchUpDays);
      windowMemo.set(s.timezone, windowStart);
    }
    const runs = new Map(
      (await ledger.recentRuns(s.conversation, opts.maxCatchUpDays + 2))
        .filter((r) => r.digestDay >= windowStart)
        .map((r) => [r.digestDay, r]),
    );
    const base = { conversation: s.conversation, platform: s.platform, owner: options.owner };
    const unfinished = [...runs.values()].filter((r) => r.status === "running").sort((a, b) => a.digestDay.localeCompare(b.digestDay))[0];
    if (unfinished) {
      const cutoff = unfinished.scheduledFor ? new Date(Date.parse(unfinished.scheduledFor) + opts.waitMs).toISOString() : null;
      due.push({ ...base, digestDay: unfinished.digestDay, scheduledFor: unfinished.scheduledFor, late: unfinished.late, cutoff });
      continue;
    }
    const slot = dueSlots(s, slotsOf(s), runs, opts)[0];
    if (!slot) continue;
    const at = Date.parse(slot.at);
    const waiting = opts.waiting.has(digestKey(s.conversation, slot.digestDay));
    due.push({
      ...base,
      digestDay: slot.digestDay,
      scheduledFor: slot.at,
      late: !waiting && opts.now.getTime() - at > opts.lateAfterMs,
      cutoff: new Date(at + opts.waitMs).toISOString(),
    });
  }
  return due;
}

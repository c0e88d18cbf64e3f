import type { Clock } from "../clock.js";
import type { IngestRun, IngestRunStore } from "../papers/ingest-run-store.js";
import type { SubscriptionStore } from "../topics/subscription-store.js";
import { defaultChannelSettings, type ChannelSettings, type ChannelSettingsStore } from "./channel-settings-store.js";
import type { DeliveryLedger, DigestRun } from "./delivery-ledger.js";
import { formatDays, formatLocal, nextDue, type ScheduleSlot } from "./delivery-times.js";
import { plural } from "../chat/plural.js";
import type { Deployment } from "../deployment.js";

/** Where a command runs: enough to build default settings for a channel that has none. */
export interface ChannelRef {
  /** Conversation reference. */
  conversation: string;
  /** Platform name. */
  platform: string;
  /** Guild or workspace id. */
  workspace: string;
}

/** Everything `/papers status` reports about one channel. */
export interface ChannelStatus {
  /** The channel's settings (defaults when it never set any). */
  settings: ChannelSettings;
  /** The next scheduled post, or null when none is scheduled (paused or not). */
  next: ScheduleSlot | null;
  /** The channel's latest digest run, or null. */
  lastRun: DigestRun | null;
  /** How many topics the channel follows. */
  topics: number;
  /** The latest ingest run of each source (files imported by hand count as one source), by source name. */
  sources: IngestRun[];
}

/** How many ingest runs to scan for the latest of each source. */
const INGEST_SCAN = 200;

/** The channel's settings, or the defaults when it never set any (not stored). */
export async function settingsOrDefault(deps: { channelSettings: ChannelSettingsStore; clock: Clock }, where: ChannelRef): Promise<ChannelSettings> {
  return (await deps.channelSettings.get(where.conversation)) ?? defaultChannelSettings(where.conversation, where.platform, where.workspace, deps.clock.now().toISOString());
}

/** Gathers the channel's schedule, last delivery and the sources' last ingests. */
export async function channelStatus(
  deps: { channelSettings: ChannelSettingsStore; ingestRuns: IngestRunStore; ledger: DeliveryLedger; subscriptions: SubscriptionStore; clock: Clock },
  where: ChannelRef,
): Promise<ChannelStatus> {
  const settings = await settingsOrDefault(deps, where);
  const latest = new Map<string, IngestRun>();
  for (const run of await deps.ingestRuns.recent(INGEST_SCAN)) {
    const source = run.source.startsWith("file:") ? "file" : run.source;
    if (!latest.has(source)) latest.set(source, run);
  }
  return {
    settings,
    next: nextDue(settings, deps.clock.now()),
    lastRun: (await deps.ledger.recentRuns(where.conversation, 1))[0] ?? null,
    topics: (await deps.subscriptions.list(where.conversation)).length,
    sources: [...latest.values()].sort((a, b) => a.source.localeCompare(b.source)),
  };
}

/** `2026-08-03 06:40 UTC` for an ISO instant. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `09:00 Europe/Paris, weekdays (Mon-Fri)`, or `none` when no daily post is scheduled. */
export function describeSchedule(settings: ChannelSettings): string {
  if (settings.postTime === null) return "none";
  return `${settings.postTime} ${settings.timezone}, ${formatDays(settings.days)}`;
}

/** When the next post is due, as the channel reads it and in UTC, or null when none is scheduled. */
export function nextPostTime(settings: ChannelSettings, now: Date): string | null {
  const next = nextDue(settings, now);
  return next ? `${formatLocal(new Date(next.at), settings.timezone)} (${formatUtc(next.at)})` : null;
}

/** One sentence on when the next post goes out, or why none will. */
export function describeNextPost(settings: ChannelSettings, now: Date): string {
  const when = nextPostTime(settings, now);
  if (!when) return "No daily post is scheduled here; set one with /papers schedule 09:00 Europe/Paris.";
  if (settings.paused) return `Paused, so nothing is posted; it would next post ${when}. /papers resume restarts it.`;
  return `Next post: ${when}.`;
}

/** The digest settings in one line: `up to 10 papers, min 0 upvotes, mode all, catch-up latest, thread off`. */
export function describeSettings(settings: ChannelSettings, topics: number): string {
  const mode = settings.mode === "topics" ? `mode topics (${plural(topics, "topic")} followed)` : "mode all";
  return [
    `up to ${plural(settings.maxPapers, "paper")}`,
    `min ${plural(settings.minUpvotes, "upvote")}`,
    mode,
    `catch-up ${settings.catchUp}`,
    `thread ${settings.useThread ? "on" : "off"}`,
  ].join(", ");
}

/** One line on a digest run: day, outcome and when. */
export function describeRun(run: DigestRun, timezone: string): string {
  const late = run.late ? " (posted late)" : "";
  const when = run.finishedAt ? ` at ${formatLocal(new Date(run.finishedAt), timezone)}` : "";
  const detail = run.detail ? `: ${run.detail}` : "";
  switch (run.status) {
    case "running":
      return `${run.digestDay}: in progress since ${formatUtc(run.startedAt)}`;
    case "sent":
      return `${run.digestDay}: sent ${plural(run.papersSent, "paper")}${late}${when}${run.detail ? ` (${run.detail})` : ""}`;
    case "notice":
      return `${run.digestDay}: posted a notice${late}${when}${detail}`;
    case "failed":
      return `${run.digestDay}: failed${when} after ${plural(run.papersSent, "paper")}${detail}`;
    case "skipped":
      return `${run.digestDay}: skipped${when}${detail}`;
  }
}

/** One line on a source's latest ingest: result, counts, when, and the error if it failed. */
export function describeIngest(run: IngestRun): string {
  const list = run.day ? ` (list of ${run.day})` : "";
  if (run.status === "running") return `${run.source}${list}: running since ${formatUtc(run.startedAt)}`;
  const when = formatUtc(run.finishedAt ?? run.startedAt);
  const counts = `${run.papersNew} new, ${run.papersUpdated} updated`;
  if (run.status === "failed") return `${run.source}${list}: failed at ${when}: ${run.error ?? "unknown error"}`;
  const bad = run.bad.length > 0 ? `, ${plural(run.bad.length, "bad record")} skipped` : "";
  return `${run.source}${list}: ${run.status} at ${when}, ${counts}${bad}`;
}

/** Which instance delivered a run and when: `bot-2 at 2026-08-04 08:00 UTC`, or that none has claimed it yet. */
export function describeDeliverer(run: DigestRun): string {
  if (!run.owner) return "not claimed by an instance yet";
  const when = run.finishedAt ? ` at ${formatUtc(run.finishedAt)}` : ` (sending since ${formatUtc(run.startedAt)})`;
  return `${run.owner}${when}`;
}

/** The status report as label/value pairs, in display order; `deployment` adds who delivered and the store. */
export function formatChannelStatus(status: ChannelStatus, now: Date, deployment?: Deployment): { label: string; value: string }[] {
  const { settings } = status;
  const fields = [
    { label: "Schedule", value: describeSchedule(settings) },
    { label: "Next post", value: settings.paused || !status.next ? describeNextPost(settings, now) : (nextPostTime(settings, now) ?? "") },
    { label: "Settings", value: describeSettings(settings, status.topics) },
    { label: "Last delivery", value: status.lastRun ? describeRun(status.lastRun, settings.timezone) : "No digest has been posted here yet." },
  ];
  if (status.lastRun) fields.push({ label: "Delivered by", value: describeDeliverer(status.lastRun) });
  if (settings.paused) fields.push({ label: "Paused", value: settings.pausedReason ?? "paused; /papers resume restarts it" });
  if (settings.failureCount > 0 || settings.lastError) {
    fields.push({ label: "Delivery errors", value: `${plural(settings.failureCount, "failed post")} in a row; last: ${settings.lastError ?? "unknown"}` });
  }
  const sources = status.sources.map(describeIngest);
  fields.push({ label: "Last ingest", value: sources.length > 0 ? sources.join("\n") : "No papers have been fetched yet; the scheduler fetches them every 10 to 30 minutes." });
  if (deployment) fields.push({ label: "Store", value: `${deployment.store} (this instance: ${deployment.instanceId})` });
  return fields;
}

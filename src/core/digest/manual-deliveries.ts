import type { Clock } from "../clock.js";
import { defaultChannelSettings, type ChannelSettingsStore } from "./channel-settings-store.js";
import type { DigestRequest } from "./deliver-digest.js";
import { localParts } from "./delivery-times.js";

/** What a manual delivery run (`papers deliver`) targets. */
export interface ManualDeliveryOptions {
  /** One channel (with the platform and workspace to assume when it has no settings yet); default every scheduled, unpaused channel. */
  channel?: { conversation: string; platform: string; workspace: string };
  /** Digest day, YYYY-MM-DD; default today in each channel's timezone. */
  date?: string;
  /** Lease owner of this run. */
  owner: string;
  /** Compute the messages and write nothing. */
  dryRun?: boolean;
}

/** YYYY-MM-DD of `now` in an IANA timezone (UTC when the zone is unknown). */
function localDay(now: Date, timezone: string): string {
  try {
    return localParts(now, timezone).day;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** The digests a manual run delivers: no schedule, no cut-off wait, never late. */
export async function manualDeliveries(deps: { channelSettings: ChannelSettingsStore; clock: Clock }, options: ManualDeliveryOptions): Promise<DigestRequest[]> {
  const now = deps.clock.now();
  const channels = options.channel
    ? [(await deps.channelSettings.get(options.channel.conversation)) ?? defaultChannelSettings(options.channel.conversation, options.channel.platform, options.channel.workspace, now.toISOString())]
    : (await deps.channelSettings.listScheduled()).filter((s) => !s.paused);
  return channels.map((s) => ({
    conversation: s.conversation,
    platform: s.platform,
    digestDay: options.date ?? localDay(now, s.timezone),
    scheduledFor: null,
    late: false,
    owner: options.owner,
    cutoff: null,
    dryRun: options.dryRun,
  }));
}

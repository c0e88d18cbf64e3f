import type { CatchUpPolicy, ChannelSettings, DigestMode } from "../core/digest/channel-settings-store.js";

/** A channel_settings row as both drivers return it (booleans are 0/1 in SQLite). */
export interface SettingsRow {
  /** Conversation reference. */
  conversation: string;
  /** Platform name. */
  platform: string;
  /** Workspace or guild id. */
  workspace: string;
  /** Local post time HH:MM, or null. */
  post_time: string | null;
  /** IANA timezone. */
  timezone: string;
  /** ISO weekdays, comma-separated. */
  days: string;
  /** Most papers per post. */
  max_papers: number;
  /** Fewest upvotes. */
  min_upvotes: number;
  /** `all` or `topics`. */
  mode: string;
  /** Paused. */
  paused: boolean | number;
  /** Why paused. */
  paused_reason: string | null;
  /** Catch-up policy. */
  catch_up: string;
  /** Post papers in a thread. */
  use_thread: boolean | number;
  /** Consecutive failures. */
  failure_count: number;
  /** Last failure. */
  last_error: string | null;
  /** Last change (ISO). */
  updated_at: string;
}

/** A channel_settings row as the port's ChannelSettings. */
export const toSettings = (r: SettingsRow): ChannelSettings => ({
  conversation: r.conversation,
  platform: r.platform,
  workspace: r.workspace,
  postTime: r.post_time,
  timezone: r.timezone,
  days: r.days.split(",").map(Number).filter((d) => d >= 1 && d <= 7),
  maxPapers: r.max_papers,
  minUpvotes: r.min_upvotes,
  mode: (r.mode === "topics" ? "topics" : "all") as DigestMode,
  paused: r.paused === true || r.paused === 1,
  pausedReason: r.paused_reason,
  catchUp: (["latest", "all", "skip"].includes(r.catch_up) ? r.catch_up : "latest") as CatchUpPolicy,
  useThread: r.use_thread === true || r.use_thread === 1,
  failureCount: r.failure_count,
  lastError: r.last_error,
  updatedAt: r.updated_at,
});

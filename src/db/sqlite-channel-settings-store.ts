import type { CatchUpPolicy, ChannelSettings, ChannelSettingsStore, DigestMode } from "../core/digest/channel-settings-store.js";
import type { OpenDatabase } from "./open-database.js";

interface Row {
  conversation: string;
  platform: string;
  workspace: string;
  post_time: string | null;
  timezone: string;
  days: string;
  max_papers: number;
  min_upvotes: number;
  mode: string;
  paused: number;
  paused_reason: string | null;
  catch_up: string;
  use_thread: number;
  failure_count: number;
  last_error: string | null;
  updated_at: string;
}

const toSettings = (r: Row): ChannelSettings => ({
  conversation: r.conversation,
  platform: r.platform,
  workspace: r.workspace,
  postTime: r.post_time,
  timezone: r.timezone,
  days: r.days.split(",").map(Number).filter((d) => d >= 1 && d <= 7),
  maxPapers: r.max_papers,
  minUpvotes: r.min_upvotes,
  mode: (r.mode === "topics" ? "topics" : "all") as DigestMode,
  paused: r.paused === 1,
  pausedReason: r.paused_reason,
  catchUp: (["latest", "all", "skip"].includes(r.catch_up) ? r.catch_up : "latest") as CatchUpPolicy,
  useThread: r.use_thread === 1,
  failureCount: r.failure_count,
  lastError: r.last_error,
  updatedAt: r.updated_at,
});

/** The ChannelSettingsStore port over SQLite (table channel_settings). */
export function createSqliteChannelSettingsStore(open: OpenDatabase): ChannelSettingsStore {
  const { sqlite } = open;
  const get = sqlite.prepare("SELECT * FROM channel_settings WHERE conversation = ?");
  const scheduled = sqlite.prepare("SELECT * FROM channel_settings WHERE post_time IS NOT NULL ORDER BY conversation");
  const put = sqlite.prepare(`
    INSERT INTO channel_settings (conversation, platform, workspace, post_time, timezone, days, max_papers, min_upvotes, mode, paused,
      paused_reason, catch_up, use_thread, failure_count, last_error, updated_at)
    VALUES (@conversation, @platform, @workspace, @postTime, @timezone, @days, @maxPapers, @minUpvotes, @mode, @paused,
      @pausedReason, @catchUp, @useThread, @failureCount, @lastError, @updatedAt)
    ON CONFLICT (conversation) DO UPDATE SET platform = excluded.platform, workspace = excluded.workspace, post_time = excluded.post_time,
      timezone = excluded.timezone, days = excluded.days, max_papers = excluded.max_papers, min_upvotes = excluded.min_upvotes,
      mode = excluded.mode, paused = excluded.paused, paused_reason = excluded.paused_reason, catch_up = excluded.catch_up,
      use_thread = excluded.use_thread, failure_count = excluded.failure_count, last_error = excluded.last_error, updated_at = excluded.updated_at`);
  return {
    async get(conversation) {
      const row = get.get(conversation) as Row | undefined;
      return row ? toSettings(row) : null;
    },
    async put(s) {
      put.run({ ...s, days: s.days.join(","), paused: s.paused ? 1 : 0, useThread: s.useThread ? 1 : 0 });
    },
    listScheduled: async () => (scheduled.all() as Row[]).map(toSettings),
  };
}

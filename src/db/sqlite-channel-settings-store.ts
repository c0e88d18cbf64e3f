import type { ChannelSettingsStore } from "../core/digest/channel-settings-store.js";
import type { OpenDatabase } from "./open-database.js";
import { toSettings, type SettingsRow as Row } from "./settings-rows.js";


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

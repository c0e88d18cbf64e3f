import type { ChannelSettingsStore } from "../../core/digest/channel-settings-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { toSettings, type SettingsRow as Row } from "../settings-rows.js";


const PUT = `
  INSERT INTO channel_settings (conversation, platform, workspace, post_time, timezone, days, max_papers, min_upvotes, mode, paused,
    paused_reason, catch_up, use_thread, failure_count, last_error, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
  ON CONFLICT (conversation) DO UPDATE SET platform = excluded.platform, workspace = excluded.workspace, post_time = excluded.post_time,
    timezone = excluded.timezone, days = excluded.days, max_papers = excluded.max_papers, min_upvotes = excluded.min_upvotes,
    mode = excluded.mode, paused = excluded.paused, paused_reason = excluded.paused_reason, catch_up = excluded.catch_up,
    use_thread = excluded.use_thread, failure_count = excluded.failure_count, last_error = excluded.last_error, updated_at = excluded.updated_at`;

/** The ChannelSettingsStore port over Postgres (table channel_settings). */
export function createPgChannelSettingsStore(open: OpenPgDatabase): ChannelSettingsStore {
  const { pool } = open;
  return {
    async get(conversation) {
      const row = (await pool.query<Row>("SELECT * FROM channel_settings WHERE conversation = $1", [conversation])).rows[0];
      return row ? toSettings(row) : null;
    },
    async put(s) {
      await pool.query(PUT, [
        s.conversation, s.platform, s.workspace, s.postTime, s.timezone, s.days.join(","), s.maxPapers, s.minUpvotes, s.mode, s.paused,
        s.pausedReason, s.catchUp, s.useThread, s.failureCount, s.lastError, s.updatedAt,
      ]);
    },
    listScheduled: async () =>
      (await pool.query<Row>('SELECT * FROM channel_settings WHERE post_time IS NOT NULL ORDER BY conversation COLLATE "C"')).rows.map(toSettings),
  };
}

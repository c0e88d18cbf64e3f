import type { CatchUpPolicy, ChannelSettings, ChannelSettingsStore, DigestMode } from "../../core/digest/channel-settings-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

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
  paused: boolean;
  paused_reason: string | null;
  catch_up: string;
  use_thread: boolean;
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
  paused: r.paused,
  pausedReason: r.paused_reason,
  catchUp: (["latest", "all", "skip"].includes(r.catch_up) ? r.catch_up : "latest") as CatchUpPolicy,
  useThread: r.use_thread,
  failureCount: r.failure_count,
  lastError: r.last_error,
  updatedAt: r.updated_at,
});

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

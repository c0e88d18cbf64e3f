import { index, integer, primaryKey, pgTable, text } from "drizzle-orm/pg-core";

/*
 * Tables that let several instances share one store: named leases, shared rate windows and
 * the Slack workspaces the bot is installed in. Re-exported by ./schema.ts; the SQLite
 * twin is ../coordination-schema.ts (test/db/schema-parity.test.ts holds them together).
 */

/** A named job one instance does at a time (ingest, a Discord shard): the holder renews it before it expires; anyone may take an expired one. */
export const leases = pgTable("leases", {
  /** What is held, e.g. `ingest` or `discord-shard:2/4`. */
  name: text("name").primaryKey(),
  /** Instance id of the holder. */
  holder: text("holder").notNull(),
  /** When the holder took it (ISO). */
  acquiredAt: text("acquired_at").notNull(),
  /** Until when it is held unless renewed (ISO). */
  expiresAt: text("expires_at").notNull(),
});

/** Requests counted per limit and time window, shared by every instance (Discord's global REST limit). */
export const rateWindows = pgTable(
  "rate_windows",
  {
    /** Which limit, e.g. `discord:global`. */
    bucket: text("bucket").notNull(),
    /** The window's start (ISO); one row per window. */
    windowStart: text("window_start").notNull(),
    /** Requests taken in it so far. */
    taken: integer("taken").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index("rate_windows_start").on(t.windowStart)],
);

/** A Slack workspace (or Enterprise Grid org) that installed the bot through OAuth. */
export const slackInstallations = pgTable(
  "slack_installations",
  {
    /** `T…` team id, or `E…` enterprise id for an org-wide install. */
    installKey: text("install_key").primaryKey(),
    /** Team id, null for an org-wide install. */
    teamId: text("team_id"),
    /** Enterprise id, null outside Enterprise Grid. */
    enterpriseId: text("enterprise_id"),
    /** Bolt's Installation as JSON, encrypted (it holds the tokens). */
    sealed: text("sealed").notNull(),
    /** First install (ISO). */
    installedAt: text("installed_at").notNull(),
    /** Last install or token update (ISO). */
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("slack_installations_team").on(t.teamId), index("slack_installations_enterprise").on(t.enterpriseId)],
);

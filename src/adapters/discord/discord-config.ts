import { z } from "zod";

/**
 * The `discord` section of the config file. The token is a secret and comes only from
 * DISCORD_TOKEN; everything here is safe to commit.
 */
export const discordConfigSchema = z.strictObject({
  /** REST origin including `/api` (tests point it at a local fake); the gateway URL comes from `GET /gateway/bot`. */
  apiBase: z.url().default("https://discord.com/api"),
  /** Application id; null reads it from the API (READY or `GET /applications/@me`). */
  applicationId: z.string().regex(/^\d{15,25}$/, "use the numeric Application ID from the Developer Portal").nullable().default(null),
  /** Register commands in this guild only (instant, for development); null registers globally (can take up to an hour to appear). */
  guildId: z.string().regex(/^\d{15,25}$/, "use a numeric server (guild) id").nullable().default(null),
  /** How many days of digest messages to reconcile reactions for at start-up. */
  reconcileDays: z.number().int().min(0).max(30).default(7),
  /** Register the slash commands at every start (one PUT; idempotent). Off: run `npm run discord:register` once. */
  registerOnStart: z.boolean().default(false),
  /** Gateway shards this instance runs: null runs them all in this process (one instance); a list runs those ids of `shardCount`; `auto` shares them out among instances through leases in the store. DISCORD_SHARDS overrides it. */
  shards: z.union([z.literal("auto"), z.array(z.number().int().min(0)).min(1)]).nullable().default(null),
  /** Total gateway shards across all instances; null: 1 (or, with `auto`, the count Discord recommends in GET /gateway/bot). DISCORD_SHARD_COUNT overrides it. */
  shardCount: z.number().int().min(1).max(10_000).nullable().default(null),
  /** With `shards: "auto"`: how long a shard (and an instance's liveness) lease lasts unless renewed, seconds; a dead instance's shards move after this. Renewed every third of it. */
  shardLeaseSeconds: z.number().min(1).max(600).default(30),
  /** Count every REST request in the store's shared window, so instances on one token share Discord's 50 requests/s: null is on with Postgres (many instances), off with SQLite (one). */
  sharedRestBudget: z.boolean().nullable().default(null),
});

/** The validated `discord` config section. */
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

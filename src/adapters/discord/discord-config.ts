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
});

/** The validated `discord` config section. */
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

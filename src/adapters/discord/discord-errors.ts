import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { SendError } from "../../core/chat/chat-adapter.js";

/** Discord JSON error codes after which retrying a post cannot help. */
export const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: "unknown_channel",
  10004: "unknown_guild",
  50001: "missing_access",
  50013: "missing_permissions",
};

/** Discord JSON error codes meaning "that message or channel is gone" (skipped by the reconcile). */
export const GONE_CODES: ReadonlySet<number> = new Set([10003, 10004, 10008, 50001]);

/** Maps a discord.js error to a SendError: unknown channel and missing access/permissions are permanent, the rest transient. */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    const permanent = PERMANENT_CODES[code];
    return new SendError(`Discord refused the post: ${err.message} (${code})`, { permanent: permanent !== undefined, reason: permanent ?? `discord_${code}` });
  }
  if (err instanceof RateLimitError) {
    return new SendError(`Discord rate limit on ${err.route}: nothing was posted; retry after ${err.retryAfter} ms`, { permanent: false, reason: "rate_limited", retryAfterMs: err.retryAfter, global: err.global });
  }
  if (err instanceof HTTPError) return new SendError(`Discord answered HTTP ${err.status}`, { permanent: false, reason: `http_${err.status}` });
  return new SendError(`Could not reach Discord: ${(err as Error).message ?? String(err)}`, { permanent: false, reason: "network" });
}

/** The Discord JSON error code of `err`, or null. */
export function discordCode(err: unknown): number | null {
  return err instanceof DiscordAPIError ? Number(err.code) : null;
}

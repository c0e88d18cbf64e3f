import type { SendableChannels } from "discord.js";

/**
 * Channels of guilds a client has no gateway shard for, kept after their REST fetch
 * (discord.js builds them without the guild and does not cache them), so posting to another
 * instance's guild is one request, not a channel fetch and then the post.
 */
export interface UnknownGuildChannels {
  /** The kept channel, or undefined when none (or it is older than the time-to-live). */
  get(channelId: string): SendableChannels | undefined;
  /** Keeps `channel`; the oldest goes when `max` are kept. */
  set(channelId: string, channel: SendableChannels): void;
  /** Forgets a channel (after a failed send: it may be gone or out of reach). */
  delete(channelId: string): void;
}

/** A bounded time-to-live map: `ttlMs` (default 10 minutes: renames and permission changes show up then), at most `max` (default 5000) channels. */
export function createUnknownGuildChannels(options: { ttlMs?: number; max?: number; now?: () => number } = {}): UnknownGuildChannels {
  const ttlMs = options.ttlMs ?? 600_000;
  const max = options.max ?? 5000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { channel: SendableChannels; at: number }>();
  return {
    get(channelId) {
      const entry = kept.get(channelId);
      if (entry && now() - entry.at < ttlMs) return entry.channel;
      kept.delete(channelId);
      return undefined;
    },
    set(channelId, channel) {
      kept.delete(channelId);
      kept.set(channelId, { channel, at: now() });
      if (kept.size > max) kept.delete(kept.keys().next().value!);
    },
    delete: (channelId) => void kept.delete(channelId),
  };
}

import { BotError } from "../../core/errors.js";
import type { DiscordConfig } from "./discord-config.js";

/** Which gateway shards this instance runs, resolved from the `discord` config section. */
export type ShardPlan =
  /** Every shard in this one process (the default: `shardCount` shards, 1 unless set). */
  | { kind: "all"; count: number }
  /** The listed ids of `count` shards; other instances run the rest. */
  | { kind: "fixed"; ids: number[]; count: number }
  /** Shared out among live instances through leases; count null asks GET /gateway/bot. */
  | { kind: "auto"; count: number | null };

/** The shard plan of a validated `discord` section (after the env overrides). */
export function shardPlanOf(config: DiscordConfig): ShardPlan {
  if (config.shards === "auto") return { kind: "auto", count: config.shardCount };
  if (config.shards === null) return { kind: "all", count: config.shardCount ?? 1 };
  return { kind: "fixed", ids: config.shards, count: config.shardCount ?? 1 };
}

/** The shard a guild's events arrive on: (guild_id >> 22) % count, as Discord routes them; DMs arrive on shard 0. */
export function shardOfGuild(guildId: string | null, count: number): number {
  if (guildId === null || !/^\d+$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * Applies DISCORD_SHARDS (`0,1` or `auto`) and DISCORD_SHARD_COUNT to the `discord` section and
 * checks the pair, from env or the config file. Throws BotError("CONFIG") with one line that
 * names the setting and the fix: not numbers, ids without a count, ids at or above the count.
 */
export function applyShardSettings(discord: DiscordConfig, env: NodeJS.ProcessEnv): void {
  const shardsEnv = env.DISCORD_SHARDS?.trim();
  const countEnv = env.DISCORD_SHARD_COUNT?.trim();
  const shardsName = shardsEnv ? "DISCORD_SHARDS" : "discord.shards";
  const countName = countEnv ? "DISCORD_SHARD_COUNT" : "discord.shardCount";
  if (countEnv) {
    if (!/^\d+$/.test(countEnv) || Number(countEnv) < 1 || Number(countEnv) > 10_000) {
      throw new BotError("CONFIG", `DISCORD_SHARD_COUNT="${countEnv.slice(0, 40)}" is not a shard count; set it to the total number of shards across all instances (a whole number from 1, e.g. 2), or unset it.`);
    }
    discord.shardCount = Number(countEnv);
  }
  if (shardsEnv) {
    if (shardsEnv.toLowerCase() === "auto") discord.shards = "auto";
    else {
      const parts = shardsEnv.split(",").map((p) => p.trim());
      if (parts.some((p) => !/^\d+$/.test(p))) {
        throw new BotError("CONFIG", `DISCORD_SHARDS="${shardsEnv.slice(0, 60)}" is not a list of shard ids; use comma-separated numbers such as 0,1 (with DISCORD_SHARD_COUNT), or auto to share the shards out among instances.`);
      }
      discord.shards = [...new Set(parts.map(Number))].sort((a, b) => a - b);
    }
  }
  if (!Array.isArray(discord.shards)) return;
  const ids = discord.shards.join(",");
  if (discord.shardCount === null) {
    throw new BotError("CONFIG", `${shardsName}=${ids} needs ${countEnv || shardsEnv ? "DISCORD_SHARD_COUNT" : "discord.shardCount"}, the total number of shards across all instances (e.g. ${Math.max(...discord.shards) + 1}); or unset ${shardsName} to run every shard here.`);
  }
  const outside = discord.shards.filter((id) => id >= discord.shardCount!);
  if (outside.length > 0) {
    throw new BotError("CONFIG", `${shardsName}=${ids} names shard ${outside.join(", ")}, but ${countName} is ${discord.shardCount} (ids 0 to ${discord.shardCount - 1}); list ids below the count, raise the count, or use auto.`);
  }
}

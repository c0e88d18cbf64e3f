import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shardOfGuild, shardPlanOf } from "../../src/adapters/discord/discord-shards.js";
import { loadConfig } from "../../src/config.js";
import { isBotError } from "../../src/core/errors.js";

describe("Discord shard settings", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-shards-"));
    mkdirSync(join(dir, "config"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string>, discord?: Record<string, unknown>) => {
    if (discord) writeFileSync(join(dir, "config/papers.json"), JSON.stringify({ discord }));
    return loadConfig(env, dir).config.discord;
  };
  /** The one-line CONFIG error loadConfig throws. */
  const refusal = (env: Record<string, string>, discord?: Record<string, unknown>): string => {
    try {
      load(env, discord);
    } catch (err) {
      expect(isBotError(err) && err.code).toBe("CONFIG");
      const message = (err as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      return message;
    }
    throw new Error("expected a refusal");
  };

  it("runs every shard in this process when nothing is set (one shard, as before)", () => {
    expect(shardPlanOf(load({}))).toEqual({ kind: "all", count: 1 });
    expect(shardPlanOf(load({ DISCORD_SHARD_COUNT: "3" }))).toEqual({ kind: "all", count: 3 });
  });

  it("takes ids with a count (sorted, once each), and auto with or without one", () => {
    expect(shardPlanOf(load({ DISCORD_SHARDS: " 2, 0,2 ", DISCORD_SHARD_COUNT: "4" }))).toEqual({ kind: "fixed", ids: [0, 2], count: 4 });
    expect(shardPlanOf(load({ DISCORD_SHARDS: "auto" }))).toEqual({ kind: "auto", count: null });
    expect(shardPlanOf(load({ DISCORD_SHARDS: "AUTO", DISCORD_SHARD_COUNT: "8" }))).toEqual({ kind: "auto", count: 8 });
    expect(shardPlanOf(load({}, { shards: [1], shardCount: 2 }))).toEqual({ kind: "fixed", ids: [1], count: 2 });
    expect(shardPlanOf(load({ DISCORD_SHARDS: "0" }, { shards: [1], shardCount: 2 }))).toEqual({ kind: "fixed", ids: [0], count: 2 });
  });

  it("refuses an id at or above the count, naming the setting and the fix", () => {
    const message = refusal({ DISCORD_SHARDS: "0,9", DISCORD_SHARD_COUNT: "4" });
    expect(message).toContain("DISCORD_SHARDS=0,9 names shard 9, but DISCORD_SHARD_COUNT is 4 (ids 0 to 3)");
    expect(refusal({}, { shards: [0, 5], shardCount: 2 })).toContain("discord.shards=0,5 names shard 5, but discord.shardCount is 2");
  });

  it("refuses ids that are not numbers, and counts that are not whole numbers from 1", () => {
    expect(refusal({ DISCORD_SHARDS: "zero,one", DISCORD_SHARD_COUNT: "2" })).toContain('DISCORD_SHARDS="zero,one" is not a list of shard ids; use comma-separated numbers such as 0,1');
    expect(refusal({ DISCORD_SHARDS: "0,-1", DISCORD_SHARD_COUNT: "2" })).toContain("is not a list of shard ids");
    for (const count of ["0", "two", "1.5"]) expect(refusal({ DISCORD_SHARDS: "0", DISCORD_SHARD_COUNT: count })).toContain(`DISCORD_SHARD_COUNT="${count}" is not a shard count`);
  });

  it("refuses ids without a count", () => {
    expect(refusal({ DISCORD_SHARDS: "0,1" })).toContain("DISCORD_SHARDS=0,1 needs DISCORD_SHARD_COUNT, the total number of shards across all instances");
  });

  it("routes a guild to the shard Discord sends its events on: (id >> 22) % count", () => {
    const id = (timestamp: bigint) => (timestamp << 22n).toString();
    expect([0, 1, 2, 3].map((n) => shardOfGuild(id(1000n + BigInt(n)), 2))).toEqual([0, 1, 0, 1]);
    expect(shardOfGuild("41771983423143937", 1)).toBe(0);
    expect(shardOfGuild(null, 4)).toBe(0);
  });
});

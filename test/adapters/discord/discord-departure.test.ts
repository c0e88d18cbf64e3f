import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../../src/adapters/discord/discord-adapter.js";
import { discordConfigSchema } from "../../../src/adapters/discord/discord-config.js";
import { createSharedRateLimiter } from "../../../src/core/limits/shared-rate-limiter.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import { createSqliteRateWindowStore } from "../../../src/db/sqlite-rate-window-store.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { createTempDb } from "../../helpers/temp-db.js";

describe("discord adapter: a send's onRequest fires when the request leaves, after the shared budget's wait", () => {
  let fake: FakeDiscord;
  let db: ReturnType<typeof createTempDb>;
  beforeEach(async () => {
    fake = await startFakeDiscord();
    db = createTempDb();
  });
  afterEach(async () => {
    await fake.close();
    db.cleanup();
  });

  it("stamps the pacer only once the budget granted the post's slot, before the post reaches Discord (REST only, no gateway login)", async () => {
    // One request per 100 ms slice: every request waits its turn.
    const budget = createSharedRateLimiter({ store: createSqliteRateWindowStore(db), bucket: "discord:global:t", limit: { requests: 1, windowMs: 100 }, sliceMs: 100, marginMs: 0, logger: createSilentLogger() });
    const adapter = createDiscordAdapter({ token: "fake-token-not-secret", config: discordConfigSchema.parse({ apiBase: fake.apiBase }), logger: createSilentLogger(), restBudget: budget });
    const guild = fake.guilds[0]!;
    const conversation = `discord:${guild.id}:${guild.channels[0]!.id}`;
    const seen: { granted: number; posts: number }[] = [];
    const posts = () => fake.requests.filter((r) => r.method === "POST").length;
    for (const text of ["one", "two"]) {
      await adapter.send(conversation, { blocks: [{ kind: "text", text }], fallbackText: text }, { onRequest: () => seen.push({ granted: budget.stats().granted, posts: posts() }) });
    }
    // The first send GETs the channel (no gateway: its guild is unknown here) and keeps it; then
    // each send is its POST alone, and the stamp comes after the POST's slot.
    expect(seen).toEqual([
      { granted: 2, posts: 0 },
      { granted: 3, posts: 1 },
    ]);
    expect(fake.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([`/channels/${guild.channels[0]!.id}`]);
    expect(budget.stats().granted).toBe(fake.requests.length);
    expect(fake.messagesIn(guild.channels[0]!.id)).toHaveLength(2);
    await adapter.stop();
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./discord-harness.js";

describe("discord adapter: login", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it("logs in over the gateway and gets READY with the guilds", async () => {
    h = await startHarness();
    expect(h.adapter.client.isReady()).toBe(true);
    expect(h.adapter.client.user?.id).toBe(h.fake.bot.id);
    expect(h.adapter.client.guilds.cache.get(h.guildId)?.channels.cache.size).toBe(2);
    const identify = h.fake.gateway.frames.find((f) => f.op === 2) as { d: { intents: number } } | undefined;
    expect(identify?.d.intents).toBe(1 | 1024); // Guilds | GuildMessageReactions, nothing privileged
    expect(h.fake.requests.some((r) => r.path === "/gateway/bot")).toBe(true);
  });
});

import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { tempPg, type TempPgDatabase } from "../../helpers/temp-pg.js";
import { FIXTURES } from "./discord-harness.js";
import { startInstance, type Instance } from "./discord-instances.js";

const DAY = "2026-08-03";
const CHANNELS_PER_GUILD = 30;

/** Two instances on one Postgres, each delivering the day's digest (a header and 3 papers) to half of 60 channels at once. */
async function burst(fake: FakeDiscord, pg: TempPgDatabase, instances: Instance[], sharedRestBudget: boolean) {
  for (const id of ["bot-a", "bot-b"]) instances.push(await startInstance({ url: pg.url, fake, id, discord: { sharedRestBudget } }));
  await ingestFile(instances[0]!.app.core.ingests, join(FIXTURES, "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"));
  const conversations = fake.guilds.flatMap((g) => g.channels.map((c) => `discord:${g.id}:${c.id}`));
  const request = (conversation: string): DigestRequest => ({ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "discord" });
  const before = fake.requests.length;
  const started = Date.now();
  const results = await Promise.all(
    instances.map((instance, i) => instance.app.core.deliveries.run(conversations.filter((_, n) => n % 2 === i).map(request), new Map([["discord", instance.adapter]]), { concurrency: 16 })),
  );
  const seconds = (Date.now() - started) / 1000;
  const posts = fake.requests.slice(before).filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path));
  const budgets = instances.map((i) => i.adapter.restBudget?.stats() ?? null);
  const storeCalls = budgets.reduce((n, s) => n + (s?.storeCalls ?? 0), 0);
  const storeMs = budgets.reduce((n, s) => n + (s?.storeMs ?? 0), 0);
  const granted = budgets.reduce((n, s) => n + (s?.granted ?? 0), 0);
  const figures = { sharedRestBudget, requests: fake.requests.length - before, posts: posts.length, seconds: Number(seconds.toFixed(2)), perSecond: Number(((fake.requests.length - before) / seconds).toFixed(1)), peakPerSecond: fake.peakPerSecond(), enforced429: fake.enforced429(), storeCalls, granted, storeMsPerRequest: granted ? Number((storeMs / granted).toFixed(3)) : null };
  process.stdout.write(`discord REST burst figures: ${JSON.stringify(figures)}\n`);
  return { results: results.flat(), figures, conversations };
}

describe("one Discord REST budget across instances (fake Discord counting at arrival, per token)", () => {
  let fake: FakeDiscord;
  let pg: TempPgDatabase;
  const instances: Instance[] = [];
  beforeEach(async () => {
    fake = await startFakeDiscord({ enforceLimits: true, guilds: ["Lab A", "Lab B"].map((name) => ({ name, channels: Array.from({ length: CHANNELS_PER_GUILD }, (_, i) => `papers-${i}`) })) });
    pg = tempPg();
    await pg.create();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.stop();
    await fake.close();
    await pg.cleanup();
  });

  it("with the shared budget (the Postgres default), two instances bursting to 60 channels draw no 429 and stay within 50 requests/s together", async () => {
    const { results, figures, conversations } = await burst(fake, pg, instances, true);
    expect(results.map((r) => r.outcome)).toEqual(conversations.map(() => ({ kind: "sent", papers: 3 })));
    expect(figures.posts).toBe(conversations.length * 4);
    expect(figures.enforced429).toBe(0);
    expect(figures.peakPerSecond).toBeLessThanOrEqual(50);
    expect(figures.granted).toBeGreaterThanOrEqual(figures.posts);
  }, 60_000);

  it("without it, the same burst passes 50/s (each instance paces only itself) and the fake answers 429s; the digests still arrive once", async () => {
    const { results, figures, conversations } = await burst(fake, pg, instances, false);
    expect(results.map((r) => r.outcome)).toEqual(conversations.map(() => ({ kind: "sent", papers: 3 })));
    expect(figures.enforced429).toBeGreaterThan(0);
    for (const conversation of conversations) expect(fake.messagesIn(conversation.split(":")[2]!)).toHaveLength(4);
  }, 60_000);
});

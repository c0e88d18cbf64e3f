import { Events, type Client } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shardOfGuild } from "../../../src/adapters/discord/discord-shards.js";
import { createDiscordReactionLister } from "../../../src/adapters/discord/list-reactions.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { commandInteraction } from "../../fakes/discord/gateway-payloads.js";
import { tempPg, type TempPgDatabase } from "../../helpers/temp-pg.js";
import { eventually, waitForRequest } from "./discord-harness.js";
import { startInstance, type Instance } from "./discord-instances.js";

const text = (t: string) => ({ blocks: [{ kind: "text" as const, text: t }], fallbackText: t });

/** Counts the interactions a discord.js client receives (listening on the real client, nothing replaced). */
function countInteractions(client: Client): string[] {
  const seen: string[] = [];
  client.on(Events.InteractionCreate, (i) => seen.push(i.guildId ?? "dm"));
  return seen;
}

describe("discord shards across instances on one Postgres", () => {
  let fake: FakeDiscord;
  let pg: TempPgDatabase;
  const instances: Instance[] = [];
  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [{ name: "Lab A", channels: ["papers"] }, { name: "Lab B", channels: ["papers"] }, { name: "Lab C", channels: ["papers"] }], recommendedShards: 2, maxConcurrency: 16 });
    pg = tempPg();
    await pg.create();
  });
  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.stop();
    await fake.close();
    await pg.cleanup();
  });

  /** `/papers help` in `guildId`'s first channel; resolves with the interaction's callback. */
  const slash = async (guildId: string) => {
    const guild = fake.guilds.find((g) => g.id === guildId)!;
    const user = fake.addUser({ id: "1200000000000000001", username: "alice" });
    const payload = commandInteraction({ place: { guildId, channelId: guild.channels[0]!.id }, user, applicationId: fake.applicationId, sub: "help" });
    fake.gateway.dispatch("INTERACTION_CREATE", payload);
    return waitForRequest(fake, (r) => r.path.includes(`/${String(payload.token)}/callback`));
  };

  it("explicit shards 0 and 1 of 2: each instance gets only its guilds and their interactions, answers them, and both post anywhere", async () => {
    const shard = (id: string) => shardOfGuild(id, 2);
    expect(new Set(fake.guilds.map((g) => shard(g.id)))).toEqual(new Set([0, 1]));
    const a = await startInstance({ url: pg.url, fake, id: "bot-a", env: { DISCORD_SHARDS: "0", DISCORD_SHARD_COUNT: "2" } });
    instances.push(a);
    const b = await startInstance({ url: pg.url, fake, id: "bot-b", env: { DISCORD_SHARDS: "1", DISCORD_SHARD_COUNT: "2" } });
    instances.push(b);
    expect(fake.gateway.shards()).toEqual([[0, 2], [1, 2]]);
    expect([a.adapter.shards(), b.adapter.shards()]).toEqual([[0], [1]]);
    for (const [instance, id] of [[a, 0], [b, 1]] as const) {
      expect([...instance.adapter.client.guilds.cache.keys()].sort()).toEqual(fake.guilds.filter((g) => shard(g.id) === id).map((g) => g.id).sort());
    }
    const seenA = countInteractions(a.adapter.client);
    const seenB = countInteractions(b.adapter.client);
    for (const guild of fake.guilds) expect(JSON.stringify((await slash(guild.id)).body)).toContain("/papers today");
    expect(seenA.sort()).toEqual(fake.guilds.filter((g) => shard(g.id) === 0).map((g) => g.id).sort());
    expect(seenB.sort()).toEqual(fake.guilds.filter((g) => shard(g.id) === 1).map((g) => g.id).sort());
    // REST needs no gateway: each instance posts to every guild's channel, its shard's or not.
    for (const instance of [a, b]) {
      for (const guild of fake.guilds) {
        const ref = await instance.adapter.send(`discord:${guild.id}:${guild.channels[0]!.id}`, text(`from ${instance.app.config.instance.id}`));
        expect(ref).toMatch(new RegExp(`^discord:${guild.id}:${guild.channels[0]!.id}:\\d+$`));
      }
    }
    for (const guild of fake.guilds) expect(fake.messagesIn(guild.channels[0]!.id).map((m) => m.body.content)).toEqual(["from bot-a", "from bot-b"]);
    // The start-up reconcile reads reactions through REST too, in guilds of either shard.
    const other = fake.guilds.find((g) => shard(g.id) === 1)!;
    const [posted] = fake.messagesIn(other.channels[0]!.id);
    fake.react(posted!.id, "1200000000000000001", "👍");
    const listed = await createDiscordReactionLister(a.adapter.client)(`discord:${other.id}:${other.channels[0]!.id}:${posted!.id}`);
    expect(listed?.workspace).toBe(other.id);
    expect(await listed!.reactions.find((r) => r.emoji === "👍")!.users()).toEqual(["1200000000000000001"]);
    expect(a.adapter.connection?.()).toMatchObject({ connected: true });
  });

  it("IDENTIFYs of one rate-limit key are 5 s apart across instances that start at once (max_concurrency 1), through a lease", async () => {
    await fake.close();
    fake = await startFakeDiscord({ guilds: [{ name: "Lab A", channels: ["papers"] }, { name: "Lab B", channels: ["papers"] }] });
    const started = await Promise.all(["0", "1"].map((shards) => startInstance({ url: pg.url, fake, id: `bot-${shards}`, env: { DISCORD_SHARDS: shards, DISCORD_SHARD_COUNT: "2" } })));
    instances.push(...started);
    const identifies = fake.gateway.frames.filter((f) => f.op === 2);
    expect(identifies.map((f) => f.shard![0]).sort()).toEqual([0, 1]);
    expect(identifies[1]!.at - identifies[0]!.at).toBeGreaterThanOrEqual(5000);
    expect(await started[0]!.app.leases.get("discord-identify:0")).not.toBeNull();
  }, 30_000);

  it("a count alone runs every shard of it in this one process, on one Client", async () => {
    const solo = await startInstance({ url: pg.url, fake, id: "bot-solo", env: { DISCORD_SHARD_COUNT: "2" } });
    instances.push(solo);
    expect(solo.adapter.shards()).toEqual([0, 1]);
    expect(fake.gateway.shards()).toEqual([[0, 2], [1, 2]]);
    expect(solo.adapter.client.guilds.cache.size).toBe(fake.guilds.length);
    for (const guild of fake.guilds) expect(JSON.stringify((await slash(guild.id)).body)).toContain("/papers today");
  });

  it("auto: two instances split 2 shards 1 + 1 (count from GET /gateway/bot), answer their guilds, and the survivor takes a stopped instance's shard", async () => {
    const discord = { shardLeaseSeconds: 1 };
    const a = await startInstance({ url: pg.url, fake, id: "bot-a", env: { DISCORD_SHARDS: "auto" }, discord });
    instances.push(a);
    expect(a.adapter.shards()).toEqual([0, 1]); // alone, it runs everything
    const b = await startInstance({ url: pg.url, fake, id: "bot-b", env: { DISCORD_SHARDS: "auto" }, discord });
    instances.push(b);
    await eventually(() => expect([a.adapter.shards().length, b.adapter.shards().length]).toEqual([1, 1]), 8000);
    // The handed-over shard re-identifies once its IDENTIFY key's 5 s have passed.
    await eventually(() => expect(fake.gateway.shards()).toEqual([[0, 2], [1, 2]]), 10_000);
    const holders = Object.fromEntries((await a.app.leases.list("discord-shard:")).map((l) => [l.name, l.holder]));
    expect(holders).toEqual({ [`discord-shard:${a.adapter.shards()[0]}/2`]: "bot-a", [`discord-shard:${b.adapter.shards()[0]}/2`]: "bot-b" });
    const bShard = b.adapter.shards()[0]!;
    const bGuild = fake.guilds.find((g) => shardOfGuild(g.id, 2) === bShard)!;
    const seenA = countInteractions(a.adapter.gatewayClient(a.adapter.shards()[0]!)!);
    const seenB = countInteractions(b.adapter.gatewayClient(bShard)!);
    expect(JSON.stringify((await slash(bGuild.id)).body)).toContain("/papers today");
    expect([seenA, seenB]).toEqual([[], [bGuild.id]]);
    await b.stop();
    instances.splice(instances.indexOf(b), 1);
    await eventually(() => expect(a.adapter.shards()).toEqual([0, 1]), 5000);
    await eventually(() => expect(a.adapter.gatewayClient(bShard)?.isReady()).toBe(true), 10_000);
    const seenAfter = countInteractions(a.adapter.gatewayClient(bShard)!);
    expect(JSON.stringify((await slash(bGuild.id)).body)).toContain("/papers today");
    expect(seenAfter).toEqual([bGuild.id]);
  }, 30_000);
});

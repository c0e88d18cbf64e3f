import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOfGuild } from "../../src/adapters/discord/discord-shards.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandInteraction } from "../fakes/discord/gateway-payloads.js";
import { ROOT, runEntry } from "../helpers/run-process.js";
import type { OpenPgDatabase } from "../../src/db/pg/open-pg-database.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";
import { testConfig } from "../helpers/test-app.js";
import { until } from "../helpers/wait-until.js";


describe("DISCORD_SHARDS=auto: two real bot processes on one Postgres against the local fake gateway", () => {
  let fake: FakeDiscord;
  let db: TempPgDatabase;
  let dir: string;
  let configPath: string;
  let store: OpenPgDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [{ name: "Lab A", channels: ["papers"] }, { name: "Lab B", channels: ["papers"] }] });
    db = tempPg();
    store = await db.open(); // migrated before the bots start, so the test can read the leases at once
    dir = mkdtempSync(join(tmpdir(), "papers-shards-e2e-"));
    configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "unused.db")), discord: { apiBase: fake.apiBase, reconcileDays: 0, shardLeaseSeconds: 2 }, scheduler: { enabled: false } }));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await fake.close();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (id: string) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PAPERS_CONFIG: configPath, DATABASE_URL: db.url, DISCORD_TOKEN: "fake-token-for-tests", DISCORD_SHARDS: "auto", DISCORD_SHARD_COUNT: "2", INSTANCE_ID: id, LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    return child;
  };
  const holders = async (): Promise<Record<string, string>> => {
    const { rows } = await store.pool.query<{ name: string; holder: string }>("SELECT name, holder FROM leases WHERE name LIKE 'discord-shard:%' AND expires_at > $1", [new Date().toISOString()]);
    return Object.fromEntries(rows.map((r) => [r.name, r.holder]));
  };
  const answered = async (guildId: string) => {
    const guild = fake.guilds.find((g) => g.id === guildId)!;
    const user = fake.addUser({ id: "2200000000000000001", username: "alice" });
    const payload = commandInteraction({ place: { guildId, channelId: guild.channels[0]!.id }, user, applicationId: fake.applicationId, sub: "help" });
    fake.gateway.dispatch("INTERACTION_CREATE", payload);
    return until("interaction callback", () => fake.requests.find((r) => r.path.includes(`/${String(payload.token)}/callback`)), 10_000);
  };

  it("splits the shards 1 + 1, each answers its guild, and after kill -9 of one the other takes its shard once the lease expires", async () => {
    expect(new Set(fake.guilds.map((g) => shardOfGuild(g.id, 2)))).toEqual(new Set([0, 1]));
    const a = start("bot-a");
    const b = start("bot-b");
    const split = await until("one shard each", async () => {
      const now = await holders();
      return Object.keys(now).length === 2 && new Set(Object.values(now)).size === 2 && fake.gateway.shards().length === 2 ? now : undefined;
    }, 40_000);
    expect(Object.keys(split).sort()).toEqual(["discord-shard:0/2", "discord-shard:1/2"]);
    expect(fake.gateway.shards()).toEqual([[0, 2], [1, 2]]);
    for (const guild of fake.guilds) expect(JSON.stringify((await answered(guild.id)).body)).toContain("/papers today");

    const bShard = Number(Object.entries(split).find(([, holder]) => holder === "bot-b")![0].match(/:(\d+)\//)![1]);
    const killed = new Promise((resolve) => b.once("exit", resolve));
    b.kill("SIGKILL");
    await killed;
    const takenAt = Date.now();
    const after = await until("bot-a holds both shards", async () => {
      const now = await holders();
      return Object.values(now).filter((h) => h === "bot-a").length === 2 && fake.gateway.shards().length === 2 ? now : undefined;
    }, 15_000);
    expect(after).toEqual({ "discord-shard:0/2": "bot-a", "discord-shard:1/2": "bot-a" });
    process.stdout.write(`shard takeover after kill -9: ${Date.now() - takenAt} ms (lease 2000 ms, renewed every 666 ms)\n`);
    const bGuild = fake.guilds.find((g) => shardOfGuild(g.id, 2) === bShard)!;
    expect(JSON.stringify((await answered(bGuild.id)).body)).toContain("/papers today");

    const exited = new Promise<number | null>((resolve) => a.once("exit", resolve));
    a.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await holders()).toEqual({}); // a clean stop gives its leases up at once
  }, 90_000);

  it("refuses DISCORD_SHARDS=0,9 with DISCORD_SHARD_COUNT=4 at start with one line naming the setting (exit 78)", async () => {
    const result = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: configPath, DISCORD_TOKEN: "fake-token-for-tests", DISCORD_SHARDS: "0,9", DISCORD_SHARD_COUNT: "4" } });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split("\n")).toEqual(["papers-bot: DISCORD_SHARDS=0,9 names shard 9, but DISCORD_SHARD_COUNT is 4 (ids 0 to 3); list ids below the count, raise the count, or use auto."]);
  });
});

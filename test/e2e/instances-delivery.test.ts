import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";
import { DAY, readPosted, seedStore, startInstance, stopAll, waitUntil, writeInstanceConfig, type Instance } from "./instances-harness.js";

const CHANNELS = 120;
const PAPERS = 5;

describe("four bot processes on one Postgres", () => {
  let db: TempPgDatabase;
  let dir: string;
  let client: pg.Client;
  let channels: string[];
  const instances: Instance[] = [];

  beforeAll(async () => {
    db = tempPg();
    await db.create();
    dir = mkdtempSync(join(tmpdir(), "papers-instances-"));
    channels = await seedStore(db.url, dir, CHANNELS, PAPERS);
    client = new pg.Client(db.url);
    await client.connect();
  });
  afterAll(async () => {
    await stopAll(instances);
    await client?.end();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const runs = async () =>
    (await client.query<{ conversation: string; owner: string; status: string }>("SELECT conversation, owner, status FROM digest_runs WHERE digest_day = $1", [DAY])).rows;

  it("deliver to 120 channels: each paper exactly once per channel, the work split; a kill -9 mid-run is finished by the others after its lease", async () => {
    const out = join(dir, "posted.jsonl");
    const config = writeInstanceConfig(dir, "instance");
    const base = Date.now();
    for (const id of ["bot-1", "bot-2", "bot-3", "bot-4"]) instances.push(startInstance({ id, url: db.url, config, out, base, latencyMs: 60 }));
    const victim = instances[1]!;

    // Kill bot-2 once it is sending: it holds channel-days claimed in its batch.
    await waitUntil("bot-2 has posted", () => readPosted(out).filter((p) => p.instance === victim.id).length >= 8, 45_000);
    victim.proc.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await victim.exited).signal).toBe("SIGKILL");
    const orphaned = (await runs()).filter((r) => r.owner === victim.id && r.status === "running").map((r) => r.conversation);
    expect(orphaned.length).toBeGreaterThan(0);

    await waitUntil("every channel's digest is sent", async () => (await runs()).filter((r) => r.status === "sent").length === CHANNELS, 45_000);
    const doneAt = Date.now();
    const afterKill = readPosted(out).filter((p) => orphaned.includes(p.conversation) && p.instance !== victim.id);
    expect(afterKill.length).toBeGreaterThan(0);

    const posted = readPosted(out);
    const keys = posted.map((p) => `${p.conversation} ${p.item}`);
    expect(keys.length - new Set(keys).size).toBe(0); // no duplicate
    for (const conversation of channels) {
      const items = posted.filter((p) => p.conversation === conversation).map((p) => p.item);
      expect(items, conversation).toHaveLength(1 + PAPERS); // no loss: the header and every paper
      expect(items.filter((i) => i.startsWith("paper:"))).toHaveLength(PAPERS);
    }
    const final = await runs();
    const byOwner: Record<string, number> = {};
    for (const r of final) byOwner[r.owner] = (byOwner[r.owner] ?? 0) + 1;
    expect(Object.keys(byOwner).length).toBeGreaterThan(1);
    for (const conversation of orphaned) expect(final.find((r) => r.conversation === conversation)?.owner).not.toBe(victim.id);
    for (const i of instances.filter((x) => x !== victim)) expect(i.proc.exitCode).toBeNull();

    const takeoverS = (Math.min(...afterKill.map((p) => p.at)) - killedAt) / 1000;
    expect(takeoverS).toBeGreaterThanOrEqual(0);
    const postsBy: Record<string, number> = {};
    for (const p of posted) postsBy[p.instance] = (postsBy[p.instance] ?? 0) + 1;
    process.stdout.write(
      `[figures] ${CHANNELS} channels, ${posted.length} posts; channels by final owner ${JSON.stringify(byOwner)}; posts by instance ${JSON.stringify(postsBy)}; ` +
        `killed ${victim.id} holding ${orphaned.length} channel-days; all sent ${((doneAt - killedAt) / 1000).toFixed(1)} s after the kill, ${((doneAt - base) / 1000).toFixed(1)} s after start (first post to one of its channels by another instance ${takeoverS.toFixed(1)} s after the kill; lease 2 s)\n`,
    );
  }, 100_000);
});

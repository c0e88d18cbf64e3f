import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstreamServer, type UpstreamServer } from "../fakes/upstream-server.js";
import { ROOT } from "../helpers/run-process.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";
import { DAY, seedStore, startInstance, stopAll, waitUntil, writeInstanceConfig, type Instance } from "./instances-harness.js";

describe("two instances on one Postgres: one ingest at a time", () => {
  let db: TempPgDatabase;
  let dir: string;
  let upstream: UpstreamServer;
  let client: pg.Client;
  const instances: Instance[] = [];

  beforeAll(async () => {
    db = tempPg();
    await db.create();
    dir = mkdtempSync(join(tmpdir(), "papers-ingest-lease-"));
    await seedStore(db.url, dir, 2);
    upstream = await startUpstreamServer();
    upstream.setDay(DAY, JSON.parse(readFileSync(join(ROOT, "test/fixtures/hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json"), "utf8")) as unknown[]);
    client = new pg.Client(db.url);
    await client.connect();
  });
  afterAll(async () => {
    await stopAll(instances);
    await client?.end();
    await upstream?.close();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Upstream requests by the asking instance (each sends its own User-Agent). */
  const asked = (id: string) => upstream.requests.filter((r) => r.headers["user-agent"] === `papers-bot-test/${id}`).length;
  const holder = async () => (await client.query<{ holder: string }>("SELECT holder FROM leases WHERE name = 'ingest'")).rows[0]?.holder ?? null;

  it("only the lease holder asks HF; after it is killed, the other takes the lease over and goes on ingesting on the shared cadence", async () => {
    const base = Date.now();
    for (const id of ["ing-a", "ing-b"]) {
      const config = writeInstanceConfig(dir, id, { upstream: upstream.url, userAgent: `papers-bot-test/${id}`, hf: true, scheduler: { ingest: { earlyEveryMinutes: 1, everyMinutes: 1 } } });
      instances.push(startInstance({ id, url: db.url, config, out: join(dir, "posted.jsonl"), base }));
    }
    await waitUntil("both instances run", () => instances.every((i) => i.stdout().includes("ready ")), 30_000);
    await waitUntil("someone ingested", () => upstream.requests.length > 0, 20_000);
    // Several ticks (every 250 ms) and lease renewals (every 2/3 s) later: still one asker.
    await new Promise((r) => setTimeout(r, 4000));
    const first = (await holder())!;
    const other = first === "ing-a" ? "ing-b" : "ing-a";
    expect(asked(first)).toBeGreaterThan(0);
    expect(asked(other)).toBe(0);
    const victim = instances.find((i) => i.id === first)!;
    const survivor = instances.find((i) => i.id === other)!;
    expect(survivor.log().some((l) => l.msg === "took the ingest lease: this instance fetches papers for all")).toBe(false);

    victim.proc.kill("SIGKILL");
    const killedAt = Date.now();
    await waitUntil("the survivor takes the lease", async () => (await holder()) === other, 15_000);
    const tookLeaseS = (Date.now() - killedAt) / 1000;
    // The cadence goes on from the holder's last run in the shared ledger (due 30 s after it with a 1-minute cadence), not from zero.
    await waitUntil("the survivor ingests", () => asked(other) > 0, 45_000);
    const ingestedS = (Date.now() - killedAt) / 1000;
    const runs = (await client.query<{ source: string; n: number }>("SELECT source, count(*)::int AS n FROM ingest_runs GROUP BY source")).rows;
    expect(runs.find((r) => r.source === "hf")?.n).toBeGreaterThanOrEqual(2);
    expect(survivor.proc.exitCode).toBeNull();
    process.stdout.write(
      `[figures] ingest lease: ${first} held it, ${other} asked HF 0 times while it lived; killed ${first}; ${other} took the lease ${tookLeaseS.toFixed(1)} s later (lease 2 s) and ingested ${ingestedS.toFixed(1)} s after the kill; ${(
        (Date.now() - base) /
        1000
      ).toFixed(1)} s in all\n`,
    );
  }, 100_000);
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startPgServer, type PgServer } from "../helpers/pg-server.js";
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ROOT, runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { DAY, readPosted, seedStore, startInstance, stopAll, waitUntil, writeInstanceConfig, type Instance } from "./instances-harness.js";

const CHANNELS = 30;
const PAPERS = 5;
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const NOT_ANSWERING = /^The paper store is not answering right now \(.+\); try again in a minute\.$/;

describe("a Postgres server that goes down", () => {
  let server: PgServer;
  let dir: string;
  let url: string;
  const instances: Instance[] = [];

  beforeAll(async () => {
    server = await startPgServer({ maxConnections: 60 });
    const admin = new pg.Client(server.adminUrl);
    await admin.connect();
    await admin.query("CREATE DATABASE papers");
    await admin.end();
    const parsed = new URL(server.adminUrl);
    parsed.pathname = "/papers";
    url = parsed.toString();
    dir = mkdtempSync(join(tmpdir(), "papers-store-down-"));
  }, 60_000);
  afterAll(async () => {
    await stopAll(instances);
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("mid-run: commands say so, the log says why, the processes keep running, and once it is back every digest completes exactly once", async () => {
    const channels = await seedStore(url, dir, CHANNELS, PAPERS);
    const out = join(dir, "posted.jsonl");
    const config = writeInstanceConfig(dir, "instance");
    const base = Date.now();
    for (const id of ["down-1", "down-2"]) instances.push(startInstance({ id, url, config, out, base, latencyMs: 100 }));
    await waitUntil("posts have started", () => readPosted(out).length >= 20, 45_000);

    await server.stop();
    const stoppedAt = Date.now();
    const postedWhenStopped = readPosted(out).length;
    await new Promise((r) => setTimeout(r, 3000));
    for (const i of instances) expect(i.proc.exitCode, i.id).toBeNull();
    const reply = await instances[0]!.command(channels[0]!, "status");
    expect(reply).toMatch(NOT_ANSWERING);
    const warnings = instances.flatMap((i) => i.log()).filter((l) => (l.level ?? 0) >= 40);
    const reasons = warnings.map((l) => `${l.msg}: ${JSON.stringify(l.reason ?? l.err ?? "")}`);
    expect(reasons.some((r) => /command failed: the store does not answer/.test(r) && /not answering right now/.test(r))).toBe(true);
    expect(reasons.some((r) => /(computing due digests failed|claiming due digests failed|delivery threw|could not check a due digest|a connection to the Postgres server failed)/.test(r))).toBe(true);
    const postedWhileDown = readPosted(out).length - postedWhenStopped;

    await server.start();
    const restartedAt = Date.now();
    const client = new pg.Client(url);
    await client.connect();
    try {
      const sent = async () => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM digest_runs WHERE digest_day = $1 AND status = 'sent'", [DAY])).rows[0]!.n;
      await waitUntil("every digest is sent after the restart", async () => (await sent()) === CHANNELS, 45_000);
    } finally {
      await client.end();
    }
    const doneAt = Date.now();
    expect(await instances[0]!.command(channels[0]!, "status")).toMatch(/Delivered by: down-[12] at /);
    const posted = readPosted(out);
    const keys = posted.map((p) => `${p.conversation} ${p.item}`);
    expect(keys.length - new Set(keys).size).toBe(0);
    for (const conversation of channels) expect(posted.filter((p) => p.conversation === conversation), conversation).toHaveLength(1 + PAPERS);
    for (const i of instances) expect(i.proc.exitCode, i.id).toBeNull();
    process.stdout.write(
      `[figures] store down ${((restartedAt - stoppedAt) / 1000).toFixed(1)} s mid-run (${postedWhenStopped} of ${CHANNELS * (1 + PAPERS)} posts out, ${postedWhileDown} accepted while down); ` +
        `all ${CHANNELS} digests complete ${((doneAt - restartedAt) / 1000).toFixed(1)} s after it was back, no duplicate, no loss; logged while down: ${JSON.stringify([...new Set(warnings.map((l) => l.msg))])}\n`,
    );
  }, 120_000);

  it("at start: npm start retries with backoff, logging each attempt and why, then gives up in one line naming DATABASE_URL (exit 78)", async () => {
    const config = join(dir, "retry.json");
    writeFileSync(config, JSON.stringify({ ...testConfig(join(dir, "x.db")), database: { path: join(dir, "x.db"), connectRetrySeconds: 2 } }));
    const closed = `postgres://bot:s3cret@127.0.0.1:${await freePort()}/papers`;
    const started = Date.now();
    const result = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: config, DATABASE_URL: closed, LOG_LEVEL: "warn" }, input: "" });
    const tookS = (Date.now() - started) / 1000;
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split("\n");
    const retries = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { msg: string; attempt: number; reason: string; retryInMs: number });
    expect(retries.length).toBeGreaterThanOrEqual(2);
    for (const [n, r] of retries.entries()) expect(r).toMatchObject({ msg: "the Postgres server did not answer; retrying", attempt: n + 1, reason: expect.stringMatching(/refused|ECONNREFUSED/) });
    expect(lines.at(-1)).toMatch(/^papers-bot: The Postgres server at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/papers \(DATABASE_URL \(or database\.url in the config file\)\) did not answer: .+\. Start it or fix the URL\.$/);
    expect(result.stderr).not.toContain("s3cret");
    expect(tookS).toBeGreaterThanOrEqual(2);
    process.stdout.write(`[figures] down at start: ${retries.length} logged retries over ${tookS.toFixed(1)} s (connectRetrySeconds 2), then exit 78\n`);
  }, 60_000);

  it("at start, back within the retry window: npm start comes up on it", async () => {
    await server.stop();
    const config = join(dir, "comes-up.json");
    writeFileSync(config, JSON.stringify({ ...testConfig(join(dir, "y.db")), database: { path: join(dir, "y.db"), connectRetrySeconds: 20 } }));
    const proc = spawn(process.execPath, ["--import", TSX, join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PAPERS_CONFIG: config, DATABASE_URL: url, INSTANCE_ID: "late-riser", LOG_LEVEL: "warn" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const result = { code: null as number | null, stdout: "", stderr: "" };
    proc.stdout.on("data", (d: Buffer) => (result.stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (result.stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on("close", resolve));
    proc.stdin.end("status\n");
    // Start the server only once the bot has found it down and said it retries.
    await waitUntil("the bot retries", () => result.stderr.includes("the Postgres server did not answer; retrying"), 30_000);
    await server.start();
    result.code = await exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/the Postgres server did not answer; retrying/);
    expect(result.stdout.replace(/\s+/g, " ")).toMatch(/Store: Postgres postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/papers \(this instance: late-riser\)/);
  }, 60_000);
});

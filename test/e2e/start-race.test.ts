import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_MIGRATIONS_DIR } from "../../src/db/pg/open-pg-database.js";
import { runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";

describe("two instances starting at once on an empty Postgres database", () => {
  let db: TempPgDatabase;
  let dir: string;

  beforeAll(async () => {
    db = tempPg();
    await db.create();
    dir = mkdtempSync(join(tmpdir(), "papers-start-race-"));
  });
  afterAll(async () => {
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("both come up (migrations applied once, under the advisory lock) and /papers status names the store, its password masked, and the instance", async () => {
    const config = join(dir, "papers.json");
    writeFileSync(config, JSON.stringify(testConfig(join(dir, "unused.db"))));
    const start = (id: string) => runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: config, DATABASE_URL: db.url, INSTANCE_ID: id }, input: "status\n", timeoutMs: 60_000 });
    const [a, b] = await Promise.all([start("race-a"), start("race-b")]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const port = new URL(db.url).port;
    const database = new URL(db.url).pathname.slice(1);
    for (const [result, id] of [[a, "race-a"], [b, "race-b"]] as const) {
      const text = result.stdout.replace(/\s+/g, " ");
      expect(text).toContain(`Store: Postgres postgres://postgres:***@127.0.0.1:${port}/${database} (this instance: ${id})`);
      expect(result.stdout + result.stderr).not.toContain("papers-test");
    }
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const applied = await client.query<{ n: number; hashes: number }>("SELECT count(*)::int AS n, count(DISTINCT hash)::int AS hashes FROM drizzle.__drizzle_migrations");
      const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
      expect(applied.rows[0]).toEqual({ n: journal.entries.length, hashes: journal.entries.length });
    } finally {
      await client.end();
    }
  }, 90_000);
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isBotError } from "../../src/core/errors.js";
import { openPgDatabase, PG_MIGRATIONS_DIR } from "../../src/db/pg/open-pg-database.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("openPgDatabase", () => {
  let db: TempPgDatabase;
  afterEach(async () => db?.cleanup());

  it("applies the migrations once, even when two instances start at once", async () => {
    db = tempPg();
    await db.create();
    const [a, b] = await Promise.all([db.open(), db.open()]);
    const tables = await a.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(["papers", "paper_listings", "digest_runs", "deliveries", "llm_usage"]));
    const applied = await b.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(applied.rows[0]?.n).toBe(JSON.parse(readFileSync(join(PG_MIGRATIONS_DIR, "meta/_journal.json"), "utf8")).entries.length);
    await (await db.open()).pool.query("SELECT 1");
  });

  it("refuses a store migrated by a newer version and leaves it untouched", async () => {
    db = tempPg();
    const first = await db.open();
    await first.pool.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('future', $1)", [Date.now() + 10 * 365 * 86400_000]);
    const err = await caught(() => openPgDatabase(db.url));
    expect(isBotError(err) && err.code).toBe("DB_TOO_NEW");
    expect((err as Error).message).toMatch(/newer version of papers-bot.*DATABASE_URL/);
    expect((err as Error).message).not.toContain("papers-test");
    const rows = await first.pool.query<{ hash: string }>("SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1");
    expect(rows.rows[0]?.hash).toBe("future");
  });

  it.each(["sqlite:///tmp/x.db", "mysql://u@h/db", "not a url", "file:papers.db"])("rejects %j naming the setting", async (url) => {
    const err = await caught(() => openPgDatabase(url));
    expect(isBotError(err) && err.code).toBe("CONFIG");
    expect((err as Error).message).toMatch(/^DATABASE_URL \(or database\.url in the config file\)/);
    expect((err as Error).message).not.toContain("\n");
  });

  it("says which server did not answer, without its password", async () => {
    const server = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = await caught(() => openPgDatabase(`postgres://bot:s3cret@127.0.0.1:${port}/papers`, { connectTimeoutMs: 2000 }));
    expect(isBotError(err) && err.code).toBe("CONFIG");
    expect((err as Error).message).toMatch(/Postgres server at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/papers \(DATABASE_URL/);
    expect((err as Error).message).not.toContain("s3cret");
  });
});

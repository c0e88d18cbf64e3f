import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { isBotError } from "../../src/core/errors.js";
import type { OpenPgDatabase } from "../../src/db/pg/open-pg-database.js";
import { asStoreError, guardPool, isConnectionError } from "../../src/db/pg/store-unavailable.js";
import { tempPg } from "../helpers/temp-pg.js";
import { freePort } from "../helpers/pg-server.js";


describe("a Postgres server that does not answer, as the pool reports it", () => {
  const db = tempPg();
  let open: OpenPgDatabase;
  beforeAll(async () => {
    open = await db.open();
  });
  afterAll(() => db.cleanup());

  it("a refused connection is STORE_UNAVAILABLE with the sentence users see; a wrong statement stays what it is", async () => {
    const pool = new pg.Pool({ connectionString: `postgres://bot:x@127.0.0.1:${await freePort()}/papers`, connectionTimeoutMillis: 2000 });
    const reasons: string[] = [];
    guardPool(pool, (reason) => reasons.push(reason));
    const err = await pool.query("SELECT 1").catch((e: unknown) => e);
    expect(isBotError(err) && err.code).toBe("STORE_UNAVAILABLE");
    expect((err as Error).message).toMatch(/^The paper store is not answering right now \((connect ECONNREFUSED|connection refused).*\); try again in a minute\.$/);
    const connectErr = await pool.connect().catch((e: unknown) => e);
    expect(isBotError(connectErr) && connectErr.code).toBe("STORE_UNAVAILABLE");
    await pool.end();

    const syntax = await open.pool.query("SELEC 1").catch((e: unknown) => e);
    expect(isBotError(syntax)).toBe(false);
    expect(isConnectionError(syntax)).toBe(false);
    expect(asStoreError(syntax)).toBe(syntax);
  });

  it("a session ended by the server (an idle pooled client, and one checked out) is logged, not a crash, and the pool reconnects", async () => {
    const reasons: string[] = [];
    const pool = new pg.Pool({ connectionString: db.url, max: 2, application_name: "victim" });
    guardPool(pool, (reason) => reasons.push(reason));
    const held = await pool.connect();
    const idle = await pool.connect();
    idle.release();
    // What a server shutdown or restart does to every session (57P01).
    const ended = await open.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'victim'");
    expect(ended.rowCount).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    const err = await held.query("SELECT 1").catch((e: unknown) => e);
    expect(isBotError(err) && err.code).toBe("STORE_UNAVAILABLE");
    held.release(true);
    expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    await pool.end();
  });
});

import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Clock } from "../../src/core/clock.js";
import { createSqliteStores, type SqliteStores } from "../../src/db/create-sqlite-stores.js";
import type { OpenPgDatabase } from "../../src/db/pg/open-pg-database.js";
import { createPgStoresOver } from "../../src/db/pg/create-pg-stores.js";
import { createTempDb } from "./temp-db.js";
import { tempPg, type TempPgDatabase } from "./temp-pg.js";

/** The store dialects every contract test runs on. */
export const STORE_DIALECTS = ["sqlite", "postgres"] as const;

/** One of STORE_DIALECTS. */
export type StoreDialect = (typeof STORE_DIALECTS)[number];

/** The stores under test, rebuilt empty before each test. */
export interface StoreFixture {
  /** Every port, on the dialect under test. */
  readonly stores: SqliteStores;
  /** Runs one raw SQL statement on the same store (set-up that bypasses the ports, e.g. ageing a row). */
  exec(sql: string): Promise<void>;
}

/**
 * Registers hooks that give each test empty stores on `dialect`: a fresh temp-file SQLite
 * with the real migrations, or, on Postgres, one database per suite (created on the test
 * run's server with the real migrations) whose tables are truncated before each test.
 */
export function useStores(dialect: StoreDialect, options: { clock?: Clock } = {}): StoreFixture {
  let stores: SqliteStores | null = null;
  let exec: (sql: string) => Promise<void> = async () => undefined;
  if (dialect === "sqlite") {
    let t: ReturnType<typeof createTempDb> | null = null;
    beforeEach(() => {
      t = createTempDb();
      const db = t;
      stores = createSqliteStores(db, options);
      exec = async (sql) => void db.sqlite.exec(sql);
    });
    afterEach(() => t?.cleanup());
  } else {
    let pg: TempPgDatabase | null = null;
    let open: OpenPgDatabase | null = null;
    beforeAll(async () => {
      pg = tempPg();
      open = await pg.open();
    });
    beforeEach(async () => {
      const db = open as OpenPgDatabase;
      const tables = await db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      await db.pool.query(`TRUNCATE ${tables.rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY`);
      stores = createPgStoresOver(db, options);
      exec = async (sql) => void (await db.pool.query(sql));
    });
    afterAll(async () => pg?.cleanup());
  }
  return {
    get stores() {
      if (!stores) throw new Error("stores are built in beforeEach");
      return stores;
    },
    exec: (sql) => exec(sql),
  };
}

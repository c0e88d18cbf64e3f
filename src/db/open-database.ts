import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { BotError } from "../core/errors.js";
import * as schema from "./schema.js";

/** The drizzle handle over our schema. */
export type Db = BetterSQLite3Database<typeof schema>;

/** An open store: the drizzle handle plus the raw connection for FTS5 and pragmas. */
export interface OpenDatabase {
  /** Drizzle query builder. */
  db: Db;
  /** Raw better-sqlite3 connection (FTS5 queries, transactions, close). */
  sqlite: Database.Database;
  /** Closes the connection after a WAL checkpoint; safe to call twice. */
  close(): void;
}

/** drizzle/ at the package root, from both src/db and dist/db. */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/**
 * Opens (creating if needed) the SQLite store at `path` (":memory:" for tests), in WAL
 * mode, and applies drizzle migrations. Refuses, without writing anything, a database
 * that a newer version of the bot has migrated.
 */
export function openDatabase(path: string): OpenDatabase {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    refuseNewerDatabase(sqlite, path);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    let closed = false;
    return {
      db,
      sqlite,
      close() {
        if (closed) return;
        closed = true;
        if (path !== ":memory:") sqlite.pragma("wal_checkpoint(TRUNCATE)");
        sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

function refuseNewerDatabase(sqlite: Database.Database, path: string): void {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const row = sqlite.prepare("SELECT MAX(created_at) AS latest FROM __drizzle_migrations").get() as { latest: number | null };
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: JournalEntry[] };
  const known = Math.max(...journal.entries.map((e) => e.when));
  if (row.latest !== null && row.latest > known) {
    throw new BotError(
      "DB_TOO_NEW",
      `The database at ${path} was written by a newer version of papers-bot. Upgrade the bot, or point PAPERS_DB at another file; it was left untouched.`,
      { dbLatest: row.latest, knownLatest: known },
    );
  }
}

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
  /** Reads the schema page in a read transaction; throws when the store cannot be read (closed, file or WAL gone). GET /healthz calls it. */
  ping(): void;
  /** The copy written before migrations were applied to a store that held data (say where), or null when none was needed. */
  migrationBackup: MigrationBackup | null;
}

/** A backup taken before upgrading a store's schema. */
export interface MigrationBackup {
  /** Absolute path of the copy, beside the store. */
  path: string;
  /** The migrations that were then applied (drizzle tags, e.g. 0007_papers_head_fts). */
  applied: string[];
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
    const migrationBackup = backupBeforeMigrating(sqlite, path);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    let closed = false;
    return {
      db,
      sqlite,
      migrationBackup,
      ping() {
        sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
      },
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

function readJournal(): JournalEntry[] {
  return (JSON.parse(readFileSync(resolve(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The migrations drizzle will apply: those newer than the last one recorded (all of them on a new store). */
export function pendingMigrations(sqlite: Database.Database): string[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const latest = table ? (sqlite.prepare("SELECT MAX(created_at) AS latest FROM __drizzle_migrations").get() as { latest: number | null }).latest : null;
  return readJournal()
    .filter((e) => latest === null || e.when > latest)
    .map((e) => e.tag);
}

/** True when the store holds papers, channel settings, subscriptions or votes. */
function holdsData(sqlite: Database.Database): boolean {
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  return ["papers", "channel_settings", "subscriptions", "votes"].some((t) => tables.has(t) && sqlite.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
}

/**
 * Before migrations touch a store that holds data, copies it beside itself as
 * `<store>.before-<first pending migration>.<timestamp>.bak` (VACUUM INTO: a consistent,
 * compact snapshot). Nothing is copied for a new or empty store, or when nothing is pending.
 */
function backupBeforeMigrating(sqlite: Database.Database, path: string): MigrationBackup | null {
  if (path === ":memory:") return null;
  const pending = pendingMigrations(sqlite);
  if (pending.length === 0 || !holdsData(sqlite)) return null;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const target = resolve(`${path}.before-${pending[0]}.${stamp}.bak`);
  try {
    sqlite.prepare("VACUUM INTO ?").run(target);
  } catch (err) {
    throw new BotError(
      "CONFIG",
      `The store at ${path} needs ${pending.length === 1 ? "a schema upgrade" : `${pending.length} schema upgrades`}, and the backup before it could not be written to ${target} (${(err as Error).message}). Free some space or fix the directory's permissions; the store was left untouched.`,
    );
  }
  return { path: target, applied: pending };
}

function refuseNewerDatabase(sqlite: Database.Database, path: string): void {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const row = sqlite.prepare("SELECT MAX(created_at) AS latest FROM __drizzle_migrations").get() as { latest: number | null };
  const known = Math.max(...readJournal().map((e) => e.when));
  if (row.latest !== null && row.latest > known) {
    throw new BotError(
      "DB_TOO_NEW",
      `The database at ${path} was written by a newer version of papers-bot. Upgrade the bot, or point PAPERS_DB at another file; it was left untouched.`,
      { dbLatest: row.latest, knownLatest: known },
    );
  }
}

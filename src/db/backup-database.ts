import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { BotError } from "../core/errors.js";

/** What a backup wrote. */
export interface BackupResult {
  /** Absolute path of the copy. */
  path: string;
  /** Its size, bytes. */
  bytes: number;
}

/** True when `location` names a Postgres store (a postgres:// or postgresql:// URL) rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/**
 * Copies the SQLite store at `source` to `target` with SQLite's online backup API: a
 * consistent snapshot even while the bot writes to it (the copy restarts when another
 * connection changes a page mid-copy). The store is opened read-only and never migrated.
 * The copy is written beside `target` and renamed into place, so a failed backup never
 * leaves a half-written file under that name.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (isPostgresUrl(source)) {
    throw new BotError("NOT_SQLITE", "papers backup copies SQLite stores, and this store is Postgres. Use pg_dump instead, e.g. pg_dump --format=custom --file=papers.dump \"$DATABASE_URL\".");
  }
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BotError("NOT_FOUND", `There is no store at ${from}. Check PAPERS_DB (or database.path) and try again.`);
  if (from === to) throw new BotError("INVALID_ARGS", `The backup path is the store itself (${from}). Choose another file.`);
  if (existsSync(to)) throw new BotError("INVALID_ARGS", `${to} already exists; papers backup does not overwrite. Remove it or choose another path.`);
  mkdirSync(dirname(to), { recursive: true });
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // After the first step, copy all that remains in one step: a snapshot taken at once, which
    // a busy bot's writes cannot keep restarting (a write between steps restarts a backup).
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(100, remainingPages) });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BotError("UPSTREAM", `The backup of ${from} failed (${(err as Error).message}). Check free space and permissions at ${dirname(to)}, then try again.`);
  } finally {
    db.close();
  }
  renameSync(partial, to);
  return { path: to, bytes: statSync(to).size };
}

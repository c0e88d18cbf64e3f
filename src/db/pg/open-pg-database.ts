import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { BotError } from "../../core/errors.js";
import { maskUrl } from "./mask-url.js";
import { connectionReason, guardPool, isConnectionError } from "./store-unavailable.js";
import * as schema from "./schema.js";

/** The drizzle handle over the Postgres schema. */
export type PgDb = NodePgDatabase<typeof schema>;

/** An open Postgres store: the connection pool and a drizzle handle over it. */
export interface OpenPgDatabase {
  /** Connection pool (raw SQL: full-text search, SKIP LOCKED claims, transactions). */
  pool: pg.Pool;
  /** Drizzle query builder over the pool. */
  db: PgDb;
  /** The URL with its password masked, for logs and `/papers status`. */
  displayUrl: string;
  /** Ends the pool; safe to call twice. */
  close(): Promise<void>;
}

/** drizzle/pg at the package root, from both src/db/pg and dist/db/pg. */
export const PG_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../drizzle/pg");

/** The setting a Postgres URL comes from, named in every error about it. */
const SETTING = "DATABASE_URL (or database.url in the config file)";

/** Any key; one advisory lock serialises migrations between instances starting at once. */
const MIGRATION_LOCK = 7_213_001;

/** Options for openPgDatabase. */
export interface OpenPgOptions {
  /** Most pooled connections (default 10). */
  max?: number;
  /** How long to wait for the server to answer at start, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** The setting the URL came from, named in errors (default DATABASE_URL / database.url). */
  setting?: string;
  /** How long to keep retrying a server that does not answer, with backoff, before giving up, ms (default 0: one attempt). */
  retryForMs?: number;
  /** Called before each retry: which attempt failed, why, and when the next one starts (for the log). */
  onRetry?: (failure: { attempt: number; reason: string; retryInMs: number }) => void;
  /** Called when a pooled connection reports an error after start (the server went away); the next query reconnects. */
  onClientError?: (reason: string) => void;
}

/** First wait between connection attempts at start, ms; doubled each time up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 250;
/** Longest wait between connection attempts at start, ms. */
const RETRY_MAX_MS = 5000;

/** Connects, retrying a server that does not answer (refused, reset, timed out, starting up) with backoff for up to `retryForMs`; other errors (a wrong password, no such database) end it at once. */
async function connectWithRetry(pool: pg.Pool, options: OpenPgOptions): Promise<pg.PoolClient> {
  const started = Date.now();
  let delay = RETRY_FIRST_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await pool.connect();
    } catch (err) {
      const left = (options.retryForMs ?? 0) - (Date.now() - started);
      if (!isConnectionError(err) || left <= 0) throw err;
      const wait = Math.min(delay, left);
      options.onRetry?.({ attempt, reason: connectionReason(err), retryInMs: wait });
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }
}

/** Throws BotError("CONFIG") naming the setting unless `url` is a postgres:// or postgresql:// URL. */
export function checkPgUrl(url: string, setting = SETTING): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BotError("CONFIG", `${setting} is not a URL; set it to postgres://user:password@host:5432/database, or unset it to use SQLite.`);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new BotError(
      "CONFIG",
      `${setting} must start with postgres:// or postgresql:// (got ${parsed.protocol}//); unset it to use SQLite.`,
    );
  }
}

/**
 * Connects to the Postgres store at `url` and applies the drizzle migrations under an
 * advisory lock (so instances starting together migrate once). Refuses, writing nothing,
 * a store that a newer version of the bot has migrated. A bad URL or a server that does
 * not answer (after `retryForMs` of retries) is a BotError("CONFIG") that names the setting.
 * Afterwards the pool survives its server going away (see guardPool): queries fail with
 * BotError("STORE_UNAVAILABLE") until it is back.
 */
export async function openPgDatabase(url: string, options: OpenPgOptions = {}): Promise<OpenPgDatabase> {
  const setting = options.setting ?? SETTING;
  checkPgUrl(url, setting);
  const displayUrl = maskUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  let client: pg.PoolClient;
  try {
    client = await connectWithRetry(pool, options);
  } catch (err) {
    await pool.end().catch(() => undefined);
    const reason = connectionReason(err);
    throw new BotError("CONFIG", `The Postgres server at ${displayUrl} (${setting}) did not answer: ${reason}. Start it or fix the URL.`, { cause: reason });
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await refuseNewerStore(client, displayUrl, setting);
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    throw err;
  }
  client.release();
  guardPool(pool, options.onClientError ?? (() => undefined));
  let closed: Promise<void> | null = null;
  return {
    pool,
    db: drizzle(pool, { schema }),
    displayUrl,
    close: () => (closed ??= pool.end()),
  };
}

/** The newest migration timestamp this version knows (drizzle/pg/meta/_journal.json). */
function knownLatest(): number {
  const journal = JSON.parse(readFileSync(resolve(PG_MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

async function refuseNewerStore(client: pg.PoolClient, displayUrl: string, setting: string): Promise<void> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!exists.rows[0]?.t) return;
  const row = await client.query<{ latest: string | null }>("SELECT MAX(created_at)::text AS latest FROM drizzle.__drizzle_migrations");
  const latest = row.rows[0]?.latest == null ? null : Number(row.rows[0].latest);
  const known = knownLatest();
  if (latest !== null && latest > known) {
    throw new BotError(
      "DB_TOO_NEW",
      `The Postgres store at ${displayUrl} was written by a newer version of papers-bot. Upgrade the bot, or point ${setting} at another database; it was left untouched.`,
      { dbLatest: latest, knownLatest: known },
    );
  }
}

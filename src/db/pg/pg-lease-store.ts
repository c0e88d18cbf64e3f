import type { Lease, LeaseStore } from "../../core/leases/lease-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

/** The one upsert behind `acquire`: take a free or expired lease, or renew one's own; the row lock makes racers take turns. */
const ACQUIRE = `INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (name) DO UPDATE SET
    acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
    holder = excluded.holder,
    expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.acquired_at`;

const COLUMNS = `name, holder, acquired_at AS "acquiredAt", expires_at AS "expiresAt"`;

/** LeaseStore over Postgres' leases table (INSERT … ON CONFLICT … WHERE, one statement). */
export function createPgLeaseStore(open: OpenPgDatabase): LeaseStore {
  const { pool } = open;
  return {
    acquire: async (name, holder, nowIso, untilIso) => ((await pool.query(ACQUIRE, [name, holder, nowIso, untilIso])).rowCount ?? 0) > 0,
    release: async (name, holder) => ((await pool.query("DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder])).rowCount ?? 0) > 0,
    get: async (name) => (await pool.query<Lease>(`SELECT ${COLUMNS} FROM leases WHERE name = $1`, [name])).rows[0] ?? null,
    list: async (prefix) => (await pool.query<Lease>(`SELECT ${COLUMNS} FROM leases WHERE left(name, length($1)) = $1 ORDER BY name COLLATE "C"`, [prefix])).rows,
  };
}

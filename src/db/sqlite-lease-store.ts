import type { Lease, LeaseStore } from "../core/leases/lease-store.js";
import type { OpenDatabase } from "./open-database.js";

/** The one upsert behind `acquire`: take a free or expired lease, or renew one's own. */
const ACQUIRE = `INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET
    acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
    holder = excluded.holder,
    expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.acquired_at`;

const COLUMNS = "name, holder, acquired_at AS acquiredAt, expires_at AS expiresAt";

/** LeaseStore over SQLite's leases table (INSERT … ON CONFLICT … WHERE, one statement). */
export function createSqliteLeaseStore(open: OpenDatabase): LeaseStore {
  const { sqlite } = open;
  const acquire = sqlite.prepare<[string, string, string, string]>(ACQUIRE);
  const release = sqlite.prepare<[string, string]>("DELETE FROM leases WHERE name = ? AND holder = ?");
  const get = sqlite.prepare<[string], Lease>(`SELECT ${COLUMNS} FROM leases WHERE name = ?`);
  const list = sqlite.prepare<[string, string], Lease>(`SELECT ${COLUMNS} FROM leases WHERE substr(name, 1, length(?)) = ? ORDER BY name`);
  return {
    acquire: async (name, holder, nowIso, untilIso) => acquire.run(name, holder, nowIso, untilIso).changes > 0,
    release: async (name, holder) => release.run(name, holder).changes > 0,
    get: async (name) => get.get(name) ?? null,
    list: async (prefix) => list.all(prefix, prefix),
  };
}

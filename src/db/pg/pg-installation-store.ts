import type { InstallationStore, StoredInstallation } from "../../core/installations/installation-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

const COLUMNS = `install_key AS "installKey", team_id AS "teamId", enterprise_id AS "enterpriseId", sealed, installed_at AS "installedAt", updated_at AS "updatedAt"`;

/** The InstallationStore port over Postgres' slack_installations table: the same behaviour as SQLite's (an upsert that keeps installed_at). */
export function createPgInstallationStore(open: OpenPgDatabase): InstallationStore {
  const { pool } = open;
  return {
    async save(record, now) {
      await pool.query(
        `INSERT INTO slack_installations (install_key, team_id, enterprise_id, sealed, installed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, updated_at = excluded.updated_at`,
        [record.installKey, record.teamId, record.enterpriseId, record.sealed, now],
      );
    },
    find: async (installKey) => (await pool.query<StoredInstallation>(`SELECT ${COLUMNS} FROM slack_installations WHERE install_key = $1`, [installKey])).rows[0] ?? null,
    delete: async (installKey) => ((await pool.query("DELETE FROM slack_installations WHERE install_key = $1", [installKey])).rowCount ?? 0) > 0,
    list: async () => (await pool.query<StoredInstallation>(`SELECT ${COLUMNS} FROM slack_installations ORDER BY install_key COLLATE "C"`)).rows,
  };
}

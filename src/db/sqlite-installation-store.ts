import type { InstallationStore, StoredInstallation } from "../core/installations/installation-store.js";
import type { OpenDatabase } from "./open-database.js";

const COLUMNS = "install_key AS installKey, team_id AS teamId, enterprise_id AS enterpriseId, sealed, installed_at AS installedAt, updated_at AS updatedAt";

/** The InstallationStore port over SQLite's slack_installations table (one row per install key; a reinstall keeps installed_at). */
export function createSqliteInstallationStore(open: OpenDatabase): InstallationStore {
  const { sqlite } = open;
  const save = sqlite.prepare(`
    INSERT INTO slack_installations (install_key, team_id, enterprise_id, sealed, installed_at, updated_at)
    VALUES (@installKey, @teamId, @enterpriseId, @sealed, @now, @now)
    ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, updated_at = excluded.updated_at`);
  const find = sqlite.prepare(`SELECT ${COLUMNS} FROM slack_installations WHERE install_key = ?`);
  const remove = sqlite.prepare("DELETE FROM slack_installations WHERE install_key = ?");
  const list = sqlite.prepare(`SELECT ${COLUMNS} FROM slack_installations ORDER BY install_key`);
  return {
    save: async (record, now) => void save.run({ ...record, now }),
    find: async (installKey) => (find.get(installKey) as StoredInstallation | undefined) ?? null,
    delete: async (installKey) => remove.run(installKey).changes > 0,
    list: async () => list.all() as StoredInstallation[],
  };
}

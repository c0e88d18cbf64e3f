/** A workspace (or Enterprise Grid org) the bot is installed in, as the store keeps it: ids in clear, the rest sealed. */
export interface StoredInstallation {
  /** The platform's key for the install, e.g. Slack's `T…` team id, or `E…` enterprise id for an org-wide install. */
  installKey: string;
  /** Team id, null for an org-wide install. */
  teamId: string | null;
  /** Enterprise id, null outside Enterprise Grid. */
  enterpriseId: string | null;
  /** The platform's installation record, encrypted by the adapter; the store never reads it. */
  sealed: string;
  /** First install, ISO 8601 (kept across reinstalls). */
  installedAt: string;
  /** Last install or token update, ISO 8601. */
  updatedAt: string;
}

/** What a save writes: everything but the timestamps, which the store keeps. */
export type InstallationRecord = Omit<StoredInstallation, "installedAt" | "updatedAt">;

/**
 * The workspaces a distributed chat app is installed in (Slack OAuth). The records are opaque
 * sealed strings: the store keeps and returns them, and only the adapter can open them.
 */
export interface InstallationStore {
  /** Adds or replaces the install under `record.installKey` (a reinstall keeps installedAt, moves updatedAt to `now`). */
  save(record: InstallationRecord, now: string): Promise<void>;
  /** The install under `installKey`, or null when there is none. */
  find(installKey: string): Promise<StoredInstallation | null>;
  /** Removes the install under `installKey`; true when there was one. */
  delete(installKey: string): Promise<boolean>;
  /** Every install, by key. */
  list(): Promise<StoredInstallation[]>;
}

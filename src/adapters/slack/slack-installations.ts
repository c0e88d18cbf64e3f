import type { Installation, InstallationQuery, InstallationStore as BoltInstallationStore } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import { openInstallation, sealInstallation, type InstallationKey } from "./seal-installation.js";

/** A sealed install as the adapter hands it to its records and gets it back (the store port's StoredInstallation has this shape). */
export interface SealedInstallation {
  /** `T…` team id, or `E…` enterprise id for an org-wide install (installKeyOf). */
  installKey: string;
  /** Team id, null for an org-wide install. */
  teamId: string | null;
  /** Enterprise id, null outside Enterprise Grid. */
  enterpriseId: string | null;
  /** The Installation JSON, sealed with SLACK_INSTALLATION_KEY. */
  sealed: string;
}

/**
 * Where the adapter keeps its sealed installs. Adapters never import the store ports (they talk
 * to the core facade), so the adapter names what it needs and the composition root passes the
 * store's InstallationStore (src/core/installations), which fits it.
 */
export interface InstallationRecords {
  /** Adds or replaces the install under `record.installKey`; `now` is ISO 8601. */
  save(record: SealedInstallation, now: string): Promise<void>;
  /** The install under `installKey`, or null. */
  find(installKey: string): Promise<SealedInstallation | null>;
  /** Removes the install under `installKey`; true when there was one. */
  delete(installKey: string): Promise<boolean>;
  /** Every install, by key. */
  list(): Promise<SealedInstallation[]>;
}

/** Which install a Slack event or query concerns: by team, or by enterprise for an org-wide install. */
export interface InstallationLookup {
  /** Team id. */
  teamId?: string | null;
  /** Enterprise id. */
  enterpriseId?: string | null;
  /** True for an org-wide (Enterprise Grid) install: the key is the enterprise id. */
  isEnterpriseInstall?: boolean;
}

/** The key a Slack install is stored under: the enterprise id for an org-wide install, else the team id; null when the lookup names neither. */
export function installKeyOf(lookup: InstallationLookup): string | null {
  if (lookup.isEnterpriseInstall) return lookup.enterpriseId ?? null;
  return lookup.teamId ?? null;
}

/** How long a workspace's install is kept in memory before it is read from the store again, ms (a reinstall made by another instance shows within this). */
export const INSTALL_CACHE_MS = 30_000;

/** Options for createSlackInstallations. */
export interface SlackInstallationsOptions {
  /** The sealed records (the store's InstallationStore, SQLite or Postgres). */
  store: InstallationRecords;
  /** SLACK_INSTALLATION_KEY, parsed. */
  key: InstallationKey;
  /** Logger (never given a token). */
  logger: Logger;
  /** Source of "now" for stored timestamps and the cache. */
  now: () => Date;
  /** Cache lifetime, ms. Default INSTALL_CACHE_MS. */
  cacheMs?: number;
}

/** The Slack workspaces the bot is installed in, over the store: Bolt's InstallationStore, and the lookups scheduled posts need. */
export interface SlackInstallations {
  /** Bolt's installationStore (storeInstallation / fetchInstallation / deleteInstallation), org-wide installs included. */
  readonly bolt: BoltInstallationStore;
  /** Workspace `teamId`'s own install, or null when there is none or it cannot be opened (the reason is logged); `fresh` reads the store again. */
  forTeam(teamId: string, options?: { fresh?: boolean }): Promise<Installation | null>;
  /** The org-wide (Enterprise Grid) installs that open, cached like the rest; `fresh` reads the store again. */
  orgWide(options?: { fresh?: boolean }): Promise<Installation[]>;
  /** Removes an install (uninstalled, tokens revoked); true when there was one. */
  remove(lookup: InstallationLookup): Promise<boolean>;
}

type Cached = { installation: Installation | null; until: number };

/**
 * Builds the Slack installations over the store port. Records are sealed (AES-256-GCM) before
 * they reach the store; one that does not open (another key, tampered) is refused with a logged
 * reason, once per record, and its workspace is treated as not installed.
 */
export function createSlackInstallations(options: SlackInstallationsOptions): SlackInstallations {
  const { store, key, logger } = options;
  const cacheMs = options.cacheMs ?? INSTALL_CACHE_MS;
  const cache = new Map<string, Cached>();
  const refused = new Set<string>();
  let orgKeys: { keys: string[]; until: number } | null = null;

  async function read(installKey: string): Promise<Installation | null> {
    const row = await store.find(installKey);
    if (!row) return null;
    const opened = openInstallation(row.sealed, key, installKey);
    if (!opened.ok) {
      if (!refused.has(row.sealed)) logger.warn({ installKey, reason: opened.reason }, "a stored Slack installation cannot be opened; treating that workspace as not installed (reinstall it at /slack/install, or start with the key that sealed it)");
      refused.add(row.sealed);
      return null;
    }
    try {
      return JSON.parse(opened.plain) as Installation;
    } catch {
      logger.warn({ installKey }, "a stored Slack installation is not valid JSON; treating that workspace as not installed");
      return null;
    }
  }

  async function cached(installKey: string, fresh: boolean): Promise<Installation | null> {
    const now = options.now().getTime();
    const hit = cache.get(installKey);
    if (!fresh && hit && hit.until > now) return hit.installation;
    const installation = await read(installKey);
    cache.set(installKey, { installation, until: now + cacheMs });
    return installation;
  }

  const bolt: BoltInstallationStore = {
    async storeInstallation(installation) {
      const installKey = installKeyOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
      if (!installKey) throw new Error("Slack returned an installation with neither a team nor an enterprise id");
      const record = { installKey, teamId: installation.team?.id ?? null, enterpriseId: installation.enterprise?.id ?? null, sealed: sealInstallation(JSON.stringify(installation), key, installKey) };
      await store.save(record, options.now().toISOString());
      cache.delete(installKey);
      orgKeys = null;
      logger.info({ installKey, team: installation.team?.name ?? installation.enterprise?.name ?? null, orgWide: Boolean(installation.isEnterpriseInstall) }, "Slack workspace installed");
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const installKey = installKeyOf(query);
      const installation = installKey ? await cached(installKey, false) : null;
      if (!installation) throw new Error(`the bot is not installed in workspace ${installKey ?? "(unknown)"}; reinstall it at /slack/install`);
      return installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await remove(query);
    },
  };

  async function remove(lookup: InstallationLookup): Promise<boolean> {
    const installKey = installKeyOf(lookup);
    if (!installKey) return false;
    cache.delete(installKey);
    orgKeys = null;
    return store.delete(installKey);
  }

  return {
    bolt,
    remove,
    async orgWide(lookup = {}) {
      const now = options.now().getTime();
      if (lookup.fresh || !orgKeys || orgKeys.until <= now) {
        orgKeys = { keys: (await store.list()).filter((row) => row.teamId === null && row.enterpriseId !== null).map((row) => row.installKey), until: now + cacheMs };
      }
      const opened = await Promise.all(orgKeys.keys.map((k) => cached(k, Boolean(lookup.fresh))));
      return opened.filter((i): i is Installation => i !== null);
    },
    forTeam: (teamId, lookup = {}) => cached(teamId, Boolean(lookup.fresh)),
  };
}

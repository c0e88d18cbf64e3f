import type { Clock } from "../../core/clock.js";
import type { SqliteStores } from "../create-sqlite-stores.js";
import { openPgDatabase, type OpenPgDatabase, type OpenPgOptions } from "./open-pg-database.js";
import { createPgChannelSettingsStore } from "./pg-channel-settings-store.js";
import { createPgDeliveryLedger } from "./pg-delivery-ledger.js";
import { createPgIngestRunStore } from "./pg-ingest-run-store.js";
import { createPgPaperStore } from "./pg-paper-store.js";
import { createPgProcessedEvents } from "./pg-processed-events.js";
import { createPgSubscriptionStore } from "./pg-subscription-store.js";
import { createPgStoreTransfer } from "./pg-store-transfer.js";
import { createPgSummaryCache } from "./pg-summary-cache.js";
import { createPgEmbeddingCache, createPgTopicAssociationStore, createPgTopicFeedbackStore } from "./pg-topic-stores.js";
import { createPgVoteStore } from "./pg-vote-store.js";
import { createPgInstallationStore } from "./pg-installation-store.js";
import { createPgLeaseStore } from "./pg-lease-store.js";
import { createPgRateWindowStore } from "./pg-rate-window-store.js";

/** Every store port over Postgres: the same set, with the same behaviour, as the SQLite stores. */
export type PgStores = SqliteStores;

/** Options for the Postgres stores. */
export interface PgStoresOptions {
  /** Source of "now" for stored timestamps; the system clock by default. */
  clock?: Clock;
  /** Connection options (retries at start, client errors after). */
  open?: OpenPgOptions;
}

/** Builds every store over an open Postgres database. */
export function createPgStoresOver(open: OpenPgDatabase, options: PgStoresOptions = {}): PgStores {
  return {
    papers: createPgPaperStore(open, options),
    subscriptions: createPgSubscriptionStore(open),
    votes: createPgVoteStore(open),
    ingestRuns: createPgIngestRunStore(open, options),
    processedEvents: createPgProcessedEvents(open),
    channelSettings: createPgChannelSettingsStore(open),
    ledger: createPgDeliveryLedger(open),
    summaryCache: createPgSummaryCache(open),
    transfer: createPgStoreTransfer(open),
    topicAssociations: createPgTopicAssociationStore(open),
    topicFeedback: createPgTopicFeedbackStore(open),
    embeddingCache: createPgEmbeddingCache(open, () => (options.clock?.now() ?? new Date()).toISOString()),
    installations: createPgInstallationStore(open),
    leases: createPgLeaseStore(open),
    rateWindows: createPgRateWindowStore(open),
  };
}

/** Connects to `url`, migrates, and builds every store; `database.close()` ends the pool. */
export async function createPgStores(url: string, options: PgStoresOptions = {}): Promise<{ database: OpenPgDatabase; stores: PgStores }> {
  const database = await openPgDatabase(url, options.open);
  return { database, stores: createPgStoresOver(database, options) };
}

import type { Clock } from "../core/clock.js";
import type { ChannelSettingsStore } from "../core/digest/channel-settings-store.js";
import type { DeliveryLedger } from "../core/digest/delivery-ledger.js";
import type { IngestRunStore } from "../core/papers/ingest-run-store.js";
import type { PaperStore } from "../core/papers/paper-store.js";
import type { SummaryCache } from "../core/summaries/summary-cache.js";
import type { SubscriptionStore } from "../core/topics/subscription-store.js";
import type { VoteStore } from "../core/votes/vote-store.js";
import type { TopicFeedbackStore } from "../core/topics/channel-feedback.js";
import type { EmbeddingCache } from "../core/topics/embeddings.js";
import type { TopicAssociationStore } from "../core/topics/learn-associations.js";
import { createSqliteEmbeddingCache } from "./sqlite-embedding-cache.js";
import { createSqliteTopicAssociationStore } from "./sqlite-topic-association-store.js";
import { createSqliteTopicFeedbackStore } from "./sqlite-topic-feedback-store.js";
import type { OpenDatabase } from "./open-database.js";
import { createSqliteChannelSettingsStore } from "./sqlite-channel-settings-store.js";
import { createSqliteDeliveryLedger } from "./sqlite-delivery-ledger.js";
import { createSqliteIngestRunStore } from "./sqlite-ingest-run-store.js";
import { createSqlitePaperStore } from "./sqlite-paper-store.js";
import type { ProcessedEvents } from "../core/votes/processed-events.js";
import { createSqliteProcessedEvents } from "./sqlite-processed-events.js";
import { createSqliteSubscriptionStore } from "./sqlite-subscription-store.js";
import { createSqliteSummaryCache } from "./sqlite-summary-cache.js";
import { createSqliteVoteStore } from "./sqlite-vote-store.js";
import type { StoreTransfer } from "../core/transfer/store-transfer.js";
import { createSqliteStoreTransfer } from "./sqlite-store-transfer.js";
import type { InstallationStore } from "../core/installations/installation-store.js";
import { createSqliteInstallationStore } from "./sqlite-installation-store.js";
import type { LeaseStore } from "../core/leases/lease-store.js";
import { createSqliteLeaseStore } from "./sqlite-lease-store.js";
import type { RateWindowStore } from "../core/limits/rate-window-store.js";
import { createSqliteRateWindowStore } from "./sqlite-rate-window-store.js";

/** Every SQLite-backed store, built over one open database. */
export interface SqliteStores {
  /** Papers, listings and full-text search. */
  papers: PaperStore;
  /** Channel topic subscriptions. */
  subscriptions: SubscriptionStore;
  /** Local upvotes. */
  votes: VoteStore;
  /** Ingest-run ledger. */
  ingestRuns: IngestRunStore;
  /** Platform event ids already handled. */
  processedEvents: ProcessedEvents;
  /** Per-channel delivery settings. */
  channelSettings: ChannelSettingsStore;
  /** Exactly-once delivery ledger. */
  ledger: DeliveryLedger;
  /** Cached model TL;DRs and full texts, and the daily model-request budget. */
  summaryCache: SummaryCache;
  /** Co-occurrence counts behind learned topic terms, and each channel's dropped terms. */
  topicAssociations: TopicAssociationStore;
  /** Each channel's feedback on its topics' papers. */
  topicFeedback: TopicFeedbackStore;
  /** Embedding vectors of papers and topics. */
  embeddingCache: EmbeddingCache;
  /** Export and import of channels' configuration, votes and saved state. */
  transfer: StoreTransfer;
  /** Slack workspaces installed through OAuth (sealed records). */
  installations: InstallationStore;
  /** Named leases: one instance ingests, one holds each Discord shard. */
  leases: LeaseStore;
  /** Request counts per shared rate-limit window (Discord's global REST limit across instances). */
  rateWindows: RateWindowStore;
}

/** Options for `createSqliteStores`. */
export interface SqliteStoresOptions {
  /** Source of "now" for stored timestamps (first/last seen, ingest runs); the system clock by default. */
  clock?: Clock;
}

/** Builds all stores over `open`; the composition root calls this once. */
export function createSqliteStores(open: OpenDatabase, options: SqliteStoresOptions = {}): SqliteStores {
  return {
    papers: createSqlitePaperStore(open, options),
    subscriptions: createSqliteSubscriptionStore(open),
    votes: createSqliteVoteStore(open),
    ingestRuns: createSqliteIngestRunStore(open, options),
    processedEvents: createSqliteProcessedEvents(open),
    channelSettings: createSqliteChannelSettingsStore(open),
    ledger: createSqliteDeliveryLedger(open),
    summaryCache: createSqliteSummaryCache(open),
    topicAssociations: createSqliteTopicAssociationStore(open),
    topicFeedback: createSqliteTopicFeedbackStore(open),
    embeddingCache: createSqliteEmbeddingCache(open, () => (options.clock?.now() ?? new Date()).toISOString()),
    transfer: createSqliteStoreTransfer(open),
    installations: createSqliteInstallationStore(open),
    leases: createSqliteLeaseStore(open),
    rateWindows: createSqliteRateWindowStore(open),
  };
}

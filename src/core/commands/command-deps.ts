import type { Clock } from "../clock.js";
import type { ChannelSettingsStore } from "../digest/channel-settings-store.js";
import type { DeliveryLedger } from "../digest/delivery-ledger.js";
import type { Logger } from "../logger.js";
import type { IngestRunStore } from "../papers/ingest-run-store.js";
import type { PaperLookup } from "../papers/paper-source.js";
import type { PaperStore } from "../papers/paper-store.js";
import type { Summaries } from "../summaries/create-summaries.js";
import type { SubscriptionStore } from "../topics/subscription-store.js";
import type { TopicLearning } from "../topics/topic-learning.js";
import type { TopicPorts } from "../topics/topic-ports.js";
import type { VoteStore } from "../votes/vote-store.js";
import type { Telemetry } from "../telemetry.js";
import type { Deployment } from "../deployment.js";

/**
 * The ports a command may use. No command declares them all: each names the few it uses
 * with `Uses<...>` (e.g. `Uses<"papers" | "votes" | "clock">`), so its signature shows what it touches.
 */
export interface CommandDeps {
  /** Paper storage and search. */
  papers: PaperStore;
  /** Channel topic subscriptions. */
  subscriptions: SubscriptionStore;
  /** Local upvotes. */
  votes: VoteStore;
  /** Ingest-run ledger (status). */
  ingestRuns: IngestRunStore;
  /** Per-channel delivery settings. */
  channelSettings: ChannelSettingsStore;
  /** Delivery ledger (last run, a paper's digest message). */
  ledger: DeliveryLedger;
  /** Upstream lookup for ids the store does not have (arXiv API); null when offline. */
  lookup: PaperLookup | null;
  /** Model-backed summaries and answers (the offline default when no model is configured). */
  summaries: Summaries;
  /** Learned associations, channel feedback and embeddings (topic matching's signals). */
  topics: TopicPorts;
  /** Counting topics over the store (a newly followed topic is backfilled). */
  learning: TopicLearning;
  /** Source of "now". */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Where vote events are counted; absent counts nothing. */
  telemetry?: Telemetry;
  /** This instance's id and the store in use (status); absent, status leaves them out. */
  deployment?: Deployment;
}

/** The named subset of CommandDeps a command (or helper) uses. */
export type Uses<K extends keyof CommandDeps> = Pick<CommandDeps, K>;

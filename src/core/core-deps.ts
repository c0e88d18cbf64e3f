import type { Clock } from "./clock.js";
import type { ChannelSettingsStore } from "./digest/channel-settings-store.js";
import type { DeliveryLedger } from "./digest/delivery-ledger.js";
import type { Logger } from "./logger.js";
import type { IngestRunStore } from "./papers/ingest-run-store.js";
import type { PaperLookup } from "./papers/paper-source.js";
import type { PaperStore } from "./papers/paper-store.js";
import type { LlmDeps } from "./summaries/llm-deps.js";
import type { Telemetry } from "./telemetry.js";
import type { SubscriptionStore } from "./topics/subscription-store.js";
import type { ProcessedEvents } from "./votes/processed-events.js";
import type { VoteStore } from "./votes/vote-store.js";

/** Everything the core's use cases need, built once in src/main.ts and passed explicitly. */
export interface CoreDeps {
  /** Paper storage and search. */
  papers: PaperStore;
  /** Channel topic subscriptions. */
  subscriptions: SubscriptionStore;
  /** Local upvotes. */
  votes: VoteStore;
  /** Ingest-run ledger. */
  ingestRuns: IngestRunStore;
  /** Per-channel delivery settings. */
  channelSettings: ChannelSettingsStore;
  /** Delivery ledger: exactly-once digests and message → paper mapping. */
  ledger: DeliveryLedger;
  /** Replay protection for platform events. */
  events: ProcessedEvents;
  /** Emoji that count as an upvote when reacting to a posted paper (names or characters). */
  upvoteEmoji: string[];
  /** Upstream lookup for ids the store does not have (arXiv API); null when offline. */
  lookup: PaperLookup | null;
  /** Source of "now". */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Language-model summaries and answers; absent or `model: null` keeps the offline default. */
  llm?: LlmDeps;
  /** Where commands, posts, votes, ingests and model calls are counted; absent counts nothing. */
  telemetry?: Telemetry;
}

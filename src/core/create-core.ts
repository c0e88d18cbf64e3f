import type { ChatAdapter, ChatCore } from "./chat/chat-adapter.js";
import type { InboundEvent, OutboundMessage } from "./chat/message.js";
import type { Clock } from "./clock.js";
import { autocompleteChoices } from "./commands/autocomplete-choices.js";
import type { CommandDeps } from "./commands/command-deps.js";
import { createCommandRegistry } from "./commands/index.js";
import { runCommand } from "./commands/run-command.js";
import type { ChannelSettingsStore } from "./digest/channel-settings-store.js";
import type { DigestRequest } from "./digest/deliver-digest.js";
import { deliverClaimed, type DeliverClaimedOptions } from "./digest/deliver-claimed.js";
import { deliverMany, type DeliverManyOptions, type DeliveryResult } from "./digest/deliver-many.js";
import type { DeliveryLedger } from "./digest/delivery-ledger.js";
import { dueDigests, type DueDigestOptions } from "./digest/due-digests.js";
import { manualDeliveries, type ManualDeliveryOptions } from "./digest/manual-deliveries.js";
import type { Logger } from "./logger.js";
import { ingestDays, ingestRecent, type DailySource, type IngestProgress, type IngestRecentOptions } from "./papers/ingest-recent.js";
import type { IngestRun, IngestRunStore } from "./papers/ingest-run-store.js";
import type { ParsedBatch } from "./papers/paper.js";
import { runIngest } from "./papers/run-ingest.js";
import type { PaperLookup } from "./papers/paper-source.js";
import type { PaperStore } from "./papers/paper-store.js";
import { createSummaries } from "./summaries/create-summaries.js";
import type { LlmDeps } from "./summaries/llm-deps.js";
import type { SubscriptionStore } from "./topics/subscription-store.js";
import { createTopicLearning } from "./topics/topic-learning.js";
import { recordFeedback } from "./topics/record-feedback.js";
import type { TopicPorts } from "./topics/topic-ports.js";
import type { ProcessedEvents } from "./votes/processed-events.js";
import { reconcileRecent } from "./votes/reconcile-recent.js";
import { recordReaction } from "./votes/record-reaction.js";
import type { VoteStore } from "./votes/vote-store.js";
import { noopTelemetry, type Telemetry } from "./telemetry.js";
import type { Deployment } from "./deployment.js";

/** The ports the core is built over; the composition root (src/app.ts) builds them once. */
export interface CorePorts {
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
  /** Upstream lookup for ids the store does not have (arXiv API); null when offline. */
  lookup: PaperLookup | null;
  /** Language model, full text and summary cache; `model: null` keeps the offline default. */
  llm: LlmDeps;
  /** Learned associations, channel feedback and optional embeddings for topic matching. */
  topics: TopicPorts;
  /** Source of "now". */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Where commands, posts, votes, ingests and model calls are counted (GET /metrics); absent counts nothing. */
  telemetry?: Telemetry;
  /** This instance's id and the store in use (/papers status); absent, status leaves them out. */
  deployment?: Deployment;
}

/** Settings of the core that are not ports. */
export interface CoreOptions {
  /** Emoji that count as an upvote when reacting to a posted paper (names or characters): the one place this is decided. */
  upvoteEmoji: readonly string[];
}

/** The adapters deliveries post through, by platform name. */
export type DeliveryAdapters = ReadonlyMap<string, Pick<ChatAdapter, "send" | "limits" | "lookUp">>;

/** Running digest deliveries: what the scheduler and `papers deliver` see. */
export interface Deliveries {
  /** The digests due at `options.now` across every scheduled channel (see dueDigests). */
  due(options: DueDigestOptions): Promise<DigestRequest[]>;
  /** The digests a manual run delivers (one channel, or every scheduled one). */
  manual(options: ManualDeliveryOptions): Promise<DigestRequest[]>;
  /** Delivers `requests` through `adapters`, paced per platform; never throws. */
  run(requests: readonly DigestRequest[], adapters: DeliveryAdapters, options: DeliverManyOptions): Promise<DeliveryResult[]>;
  /** This instance's share of the due `requests`: claimed in batches as workers free up, skipping ones other instances hold (see deliverClaimed); never throws. */
  runClaimed(requests: readonly DigestRequest[], adapters: DeliveryAdapters, options: DeliverClaimedOptions): Promise<DeliveryResult[]>;
}

/** Fetching papers into the store, each run recorded in the ingest ledger: what the scheduler and `papers ingest` see. */
export interface Ingests {
  /** Today's lists and the days before it, plus each listing feed (see ingestRecent). */
  recent(options: IngestRecentOptions): Promise<IngestRun[]>;
  /** Past days from a daily source, one by one (backfills). */
  days(source: DailySource, days: string[], onProgress?: IngestProgress): Promise<IngestRun[]>;
  /** One run of `load` (a saved response file), recorded as `source`. */
  batch(source: string, load: () => Promise<ParsedBatch>): Promise<IngestRun>;
  /** Papers stored. */
  count(): Promise<number>;
  /** The latest HF Daily Papers day on or before `day` that has papers, or null (is anything stored?). */
  latestDay(day: string): Promise<string | null>;
}

/** The one door into the core for adapters, the scheduler and the CLI. */
export interface Core extends ChatCore {
  /** Digest deliveries. */
  readonly deliveries: Deliveries;
  /** Ingests. */
  readonly ingests: Ingests;
}

/** An upvote by reaction feeds the channel's topic feedback (`up`), and withdrawing it withdraws that feedback; failures are logged, never thrown. */
async function upvoteFeedback(ports: CorePorts, vote: { conversation: string; paperId: string; userId: string; added: boolean }, at: string): Promise<void> {
  try {
    if (vote.added) await recordFeedback(ports, { conversation: vote.conversation, paper: vote.paperId, actor: { id: vote.userId }, kind: "up", at });
    else await ports.topics.feedback.removeUp(vote.conversation, vote.paperId, vote.userId);
  } catch (err) {
    ports.logger.warn({ err: err instanceof Error ? err.message : String(err), paperId: vote.paperId }, "topic feedback not updated for an upvote");
  }
}

/**
 * Builds the core over its ports: the command registry, the summaries module (which owns the
 * model requests in flight) and the use cases, each handed only the ports it names.
 */
export function createCore(ports: CorePorts, options: CoreOptions): Core {
  const { clock, logger } = ports;
  const registry = createCommandRegistry();
  const telemetry = ports.telemetry ?? noopTelemetry;
  const summaries = createSummaries({ ...ports.llm, clock, logger, telemetry });
  const learning = createTopicLearning({ papers: ports.papers, subscriptions: ports.subscriptions, associations: ports.topics.associations, logger: logger.child({ component: "topic-learning" }) });
  const ingestDeps = { ...ports, onStored: learning.learnBatch };
  const commandDeps: CommandDeps = { ...ports, summaries, learning };
  const onVote = (vote: { conversation: string; paperId: string; userId: string; added: boolean }) => upvoteFeedback(ports, vote, clock.now().toISOString());
  const reactionDeps = { ledger: ports.ledger, votes: ports.votes, events: ports.events, logger, clock, upvoteEmoji: options.upvoteEmoji, onVote };
  const commandOf = (event: InboundEvent) =>
    event.kind === "command" ? registry.find(event.name.trim() || "help") : event.kind === "button" ? registry.forButton(event.action) : undefined;

  /** Counts a command's reply by name and outcome (`ok` or the refusal's code), and passes it on. */
  const answered = (name: string, reply: OutboundMessage): OutboundMessage => {
    telemetry.commandAnswered(name, reply.failure ? reply.failure.toLowerCase() : "ok");
    return reply;
  };

  async function handle(event: InboundEvent): Promise<OutboundMessage | null> {
    switch (event.kind) {
      case "command":
        return answered(registry.find(event.name.trim() || "help")?.name ?? "unknown", await runCommand(registry, commandDeps, event));
      case "button": {
        const command = registry.forButton(event.action);
        if (!command) {
          logger.warn({ action: event.action, conversation: event.conversation }, "unknown button ignored");
          return null;
        }
        return answered(command.name, await runCommand(registry, commandDeps, { ...event, kind: "command", name: command.name, text: event.value, options: undefined }));
      }
      case "reaction": {
        try {
          const outcome = await recordReaction(reactionDeps, event, options.upvoteEmoji, clock.now().toISOString());
          if (outcome !== "bot" && outcome !== "not-an-upvote" && outcome !== "not-a-paper") telemetry.voteEvent("reaction", outcome);
          logger.debug({ conversation: event.conversation, messageRef: event.messageRef, outcome }, "reaction handled");
        } catch (err) {
          logger.warn({ err, messageRef: event.messageRef }, "reaction not recorded");
        }
        return null;
      }
    }
  }

  return {
    commands: registry.infos(),
    isSlow: (event) => commandOf(event)?.slow ?? false,
    handle,
    autocomplete: (request) => autocompleteChoices(ports, registry, request),
    reconcileReactions: (request) => reconcileRecent(reactionDeps, request),
    deliveries: {
      due: (dueOptions) => ports.channelSettings.listScheduled().then((settings) => dueDigests(settings, ports.ledger, dueOptions)),
      manual: (manualOptions) => manualDeliveries(ports, manualOptions),
      run: (requests, adapters, runOptions) => deliverMany(ports, adapters, requests, runOptions),
      runClaimed: (requests, adapters, runOptions) => deliverClaimed(ports, adapters, requests, runOptions),
    },
    ingests: {
      recent: (recentOptions) => ingestRecent(ingestDeps, recentOptions),
      days: (source, days, onProgress) => ingestDays(ingestDeps, source, days, onProgress),
      batch: (source, load) => runIngest(ingestDeps, source, null, load),
      count: () => ports.papers.count(),
      latestDay: (day) => ports.papers.latestDailyDay(day),
    },
  };
}

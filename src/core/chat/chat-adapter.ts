import type { AutocompleteRequest, Choice, CommandDefinitionInfo } from "./command-info.js";
import type { InboundEvent, OutboundMessage } from "./message.js";

/** One emoji's reactions on a message, as an adapter lists them; users are read only for emoji that count. */
export interface ListedReaction {
  /** Emoji name or character as the platform gives it. */
  emoji: string;
  /** The ids of the people (never bots, never the bot itself) who reacted with it. */
  users(): Promise<string[]>;
}

/**
 * Lists one message's reactions for the reconcile: its workspace and reactions, or null when
 * the message is not this adapter's (another platform or workspace). Throws when the message
 * cannot be read (deleted, channel gone, no access).
 */
export type ReactionLister = (messageRef: string) => Promise<{ workspace: string; reactions: ListedReaction[] } | null>;

/** What an adapter asks the core to reconcile after a restart. */
export interface ReconcileRequest {
  /** How many days of digest messages to look at. */
  days: number;
  /** Lists a message's reactions on the platform. */
  list: ReactionLister;
}

/** What a reaction reconcile did. */
export interface ReconcileSummary {
  /** Digest paper messages of this adapter looked at. */
  messages: number;
  /** Votes added for reactions cast while the bot was down. */
  added: number;
  /** Reaction votes removed because the reaction was withdrawn. */
  removed: number;
  /** Messages whose reactions could not be read: deleted, or in a channel the bot can no longer see. */
  skipped: number;
}

/**
 * The part of the core an adapter talks to: handle an event (the reply says where it goes:
 * here, ephemeral, or the paper's thread via `threadOf`), ask first whether it is slow so the
 * platform's ack deadline is met by deferring, autocomplete, and reconcile reactions.
 */
export interface ChatCore {
  /** The command set, for registration with the platform (Discord's slash commands). */
  readonly commands: readonly CommandDefinitionInfo[];
  /** True when handling `event` may outlast a platform's ack deadline (network work): defer first. */
  isSlow(event: InboundEvent): boolean;
  /** Handles one event and returns the reply, or null when there is none (reactions, stale buttons). Never throws. */
  handle(event: InboundEvent): Promise<OutboundMessage | null>;
  /** Choices for an option being typed (topics followed here, the latest day's papers). */
  autocomplete(request: AutocompleteRequest): Promise<Choice[]>;
  /** Makes reaction votes match the reactions the adapter lists on recent digest messages. */
  reconcileReactions(request: ReconcileRequest): Promise<ReconcileSummary>;
}

/** Options for one send. */
export interface SendOptions {
  /** Post as a reply in the thread of this message reference (digest threads). */
  threadOf?: string;
  /** Stable key of this send (one ledger item): Discord derives its `nonce` from it, Slack puts it in the message metadata, so `lookUp` can find the message later. */
  dedupeKey?: string;
  /** Called the moment the request leaves for the platform (after any local work), so the pacer stamps the send then. */
  onRequest?: () => void;
}

/** Where to look for a send whose outcome is unknown. */
export interface LookUpRequest {
  /** Conversation reference the message was sent to. */
  conversation: string;
  /** The send's `dedupeKey`. */
  dedupeKey: string;
  /** The message that was sent (matched against what the channel holds where the platform keeps no key). */
  message: OutboundMessage;
  /** The thread it was posted in, when it was. */
  threadOf?: string;
  /** Only messages posted at or after this instant (the run's start), ISO 8601. */
  since: string;
}

/** What looking up an in-doubt send found. */
export type LookUpResult =
  /** The platform holds the message: record this reference, do not resend. */
  | { kind: "found"; ref: string }
  /** The platform certainly holds no such message: send it. */
  | { kind: "absent" }
  /** The bot cannot read the channel back; `fix` names the scope or permission to add. */
  | { kind: "unavailable"; fix: string };

/** A platform's posting limits, which the delivery engine paces fan-out to. */
export interface RateLimits {
  /** Messages allowed per channel per window (Discord ~5 per 5 s; Slack ~1 per 1 s). */
  perChannel: { messages: number; windowMs: number };
  /** Requests allowed per bot per window across all channels (Discord 50 per 1 s). */
  global: { requests: number; windowMs: number } | null;
}

/**
 * Why a send failed. `permanent` failures (channel deleted, bot removed, missing
 * permission) count towards pausing the channel; others are retried later.
 */
export class SendError extends Error {
  /** True when retrying cannot help. */
  readonly permanent: boolean;
  /** Stable reason code from the platform (`channel_not_found`, `Missing Access`, `rate_limited`, ...). */
  readonly reason: string;
  /** For a 429 (`rate_limited`): the platform's Retry-After in ms. A 429 means nothing was created. */
  readonly retryAfterMs?: number;
  /** For a 429: true when the limit is the bot-wide one, so every channel must wait. */
  readonly global?: boolean;

  constructor(message: string, options: { permanent: boolean; reason: string; retryAfterMs?: number; global?: boolean }) {
    super(message);
    this.name = "SendError";
    this.permanent = options.permanent;
    this.reason = options.reason;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.global !== undefined) this.global = options.global;
  }
}

/** Whether an adapter is connected to its platform now, and since when (health checks report it). */
export interface ConnectionState {
  /** True while the platform connection is up (gateway ready, Socket Mode connected, HTTP listening). */
  connected: boolean;
  /** When it last changed, ISO 8601. */
  since: string;
}

/** The port every platform adapter implements (Discord, Slack, shell). Kept small on purpose. */
export interface ChatAdapter {
  /** Platform name, as used in conversation references. */
  readonly platform: string;
  /** Posting limits the delivery engine paces to; null when the platform has none (the shell). */
  readonly limits: RateLimits | null;
  /** Connects and starts handing inbound events to `core`. */
  start(core: ChatCore): Promise<void>;
  /** Disconnects; resolves when no more events will arrive. */
  stop(): Promise<void>;
  /** Posts `message` to a conversation and returns the sent message's opaque reference. Throws SendError. */
  send(conversation: string, message: OutboundMessage, options?: SendOptions): Promise<string>;
  /** Finds a message sent with `dedupeKey` (an in-doubt send after a crash); platforms that cannot read back omit it. */
  lookUp?(request: LookUpRequest): Promise<LookUpResult>;
  /** Registers the command set with the platform, where it has such a thing. */
  registerCommands?(defs: CommandDefinitionInfo[]): Promise<void>;
  /** Its connection to the platform, for GET /healthz; absent when there is nothing to lose (the shell). */
  connection?(): ConnectionState;
}

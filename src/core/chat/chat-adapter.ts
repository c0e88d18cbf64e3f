import type { CommandDefinitionInfo } from "../commands/define-command.js";
import type { InboundEvent, OutboundMessage } from "./message.js";

/** How the core answers an inbound event: a reply message, or nothing. */
export type InboundHandler = (event: InboundEvent) => Promise<OutboundMessage | null>;

/** Options for one send. */
export interface SendOptions {
  /** Post as a reply in the thread of this message reference (digest threads). */
  threadOf?: string;
}

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
  /** Stable reason code from the platform (`channel_not_found`, `Missing Access`, ...). */
  readonly reason: string;

  constructor(message: string, options: { permanent: boolean; reason: string }) {
    super(message);
    this.name = "SendError";
    this.permanent = options.permanent;
    this.reason = options.reason;
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
  /** Connects and starts delivering inbound events to `handler`. */
  start(handler: InboundHandler): Promise<void>;
  /** Disconnects; resolves when no more events will arrive. */
  stop(): Promise<void>;
  /** Posts `message` to a conversation and returns the sent message's opaque reference. Throws SendError. */
  send(conversation: string, message: OutboundMessage, options?: SendOptions): Promise<string>;
  /** Registers the command set with the platform, where it has such a thing. */
  registerCommands?(defs: CommandDefinitionInfo[]): Promise<void>;
  /** Its connection to the platform, for GET /healthz; absent when there is nothing to lose (the shell). */
  connection?(): ConnectionState;
}

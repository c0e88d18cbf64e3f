import type { CommandDefinitionInfo } from "../commands/define-command.js";
import type { InboundEvent, OutboundMessage } from "./message.js";

/** How the core answers an inbound event: a reply message, or nothing. */
export type InboundHandler = (event: InboundEvent) => Promise<OutboundMessage | null>;

/** The port every platform adapter implements (Discord, Slack, shell). Kept small on purpose. */
export interface ChatAdapter {
  /** Platform name, as used in conversation references. */
  readonly platform: string;
  /** Connects and starts delivering inbound events to `handler`. */
  start(handler: InboundHandler): Promise<void>;
  /** Disconnects; resolves when no more events will arrive. */
  stop(): Promise<void>;
  /** Posts `message` to a conversation and returns the sent message's opaque reference. */
  send(conversation: string, message: OutboundMessage): Promise<string>;
  /** Registers the command set with the platform, where it has such a thing. */
  registerCommands?(defs: CommandDefinitionInfo[]): Promise<void>;
}

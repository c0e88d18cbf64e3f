import type { z } from "zod";
import type { Actor, OutboundMessage } from "../chat/message.js";
import type { CoreDeps } from "../core-deps.js";

/** The kinds of option a command takes; adapters map them to typed platform options. */
export type OptionType = "string" | "integer" | "date" | "paper" | "topic" | "query";

/** One option of a command, in positional order. */
export interface OptionDef {
  /** Option name (lower-case, Discord-safe). */
  name: string;
  /** One-line description shown in help and platform UIs. */
  description: string;
  /** Value kind: `date` is YYYY-MM-DD, `paper` an id or URL, `topic`/`query` free text with query syntax. */
  type: OptionType;
  /** Whether it must be given. */
  required: boolean;
  /** Allowed values, when the option is an enumeration (e.g. `week`, `month`). */
  choices?: string[];
  /** Takes the rest of the text, quotes and all (topics and queries). At most one per command, last. */
  rest?: boolean;
}

/** Where a command runs and who asked. */
export interface CommandContext {
  /** Everything the core needs, passed explicitly. */
  deps: CoreDeps;
  /** Opaque conversation reference. */
  conversation: string;
  /** Platform name. */
  platform: string;
  /** Guild or workspace id. */
  workspace: string;
  /** Who asked. */
  actor: Actor;
}

/** What `defineCommand` takes. */
export interface CommandDefinition<S extends z.ZodType = z.ZodType> {
  /** Subcommand name, e.g. `today`. */
  name: string;
  /** One-line description: the help text on every platform. */
  description: string;
  /** Options in positional order. */
  options: OptionDef[];
  /** Zod schema for the parsed options object; its messages reach users. */
  args: S;
  /** True when it may take longer than ~1 s (network); adapters defer first. */
  slow?: boolean;
  /**
   * Who may run it. Omitted or false: everyone. True: only channel managers (it changes the
   * channel). A predicate over the parsed args: managers only when it returns true, so a
   * command that both shows and changes (`settings`) shows to everyone.
   */
  requiresManager?: boolean | ((args: z.infer<S>) => boolean);
  /** Runs the command and returns its reply. Throws BotError for user-facing failures. */
  run(args: z.infer<S>, ctx: CommandContext): Promise<OutboundMessage>;
}

/** The platform-facing part of a command definition (no `run`), for registration and help. */
export type CommandDefinitionInfo = Pick<CommandDefinition, "name" | "description" | "options" | "slow" | "requiresManager">;

/** Whether running `command` with these parsed args needs channel-manager rights. */
export function needsManager<S extends z.ZodType>(command: Pick<CommandDefinition<S>, "requiresManager">, args: z.infer<S>): boolean {
  const rule = command.requiresManager;
  return typeof rule === "function" ? rule(args) : rule === true;
}

/** Declares a command; the identity function that keeps `run`'s argument types tied to the schema. */
export function defineCommand<S extends z.ZodType>(def: CommandDefinition<S>): CommandDefinition<S> {
  return def;
}

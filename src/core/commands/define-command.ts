import type { z } from "zod";
import type { Actor, OutboundMessage } from "../chat/message.js";
import type { OptionDef } from "../chat/command-info.js";
import type { CommandDeps } from "./command-deps.js";

export type { CommandDefinitionInfo, OptionDef, OptionType } from "../chat/command-info.js";

/** Where a command runs and who asked, plus the ports it named (`D`). */
export interface CommandContext<D = CommandDeps> {
  /** The ports this command uses, named by its `run` signature (`CommandContext<Uses<...>>`). */
  deps: D;
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
export interface CommandDefinition<S extends z.ZodType = z.ZodType, D = CommandDeps> {
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
  /** True when a button whose `action` is this command's name runs it, with the button's value as the text (paper messages' Summary and Upvote). */
  button?: boolean;
  /** Runs the command and returns its reply. Throws BotError for user-facing failures. */
  run(args: z.infer<S>, ctx: CommandContext<D>): Promise<OutboundMessage>;
}

/** Whether running `command` with these parsed args needs channel-manager rights. */
export function needsManager<S extends z.ZodType>(command: Pick<CommandDefinition<S>, "requiresManager">, args: z.infer<S>): boolean {
  const rule = command.requiresManager;
  return typeof rule === "function" ? rule(args) : rule === true;
}

/** Declares a command; the identity function that keeps `run`'s argument types tied to the schema. */
export function defineCommand<S extends z.ZodType, D = CommandDeps>(def: CommandDefinition<S, D>): CommandDefinition<S, D> {
  return def;
}

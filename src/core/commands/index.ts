import type { z } from "zod";
import { askCommand } from "./ask.js";
import type { CommandDeps } from "./command-deps.js";
import type { CommandDefinition, CommandDefinitionInfo } from "./define-command.js";
import { createHelpCommand } from "./help.js";
import { pauseCommand } from "./pause.js";
import { resumeCommand } from "./resume.js";
import { scheduleCommand } from "./schedule.js";
import { searchCommand } from "./search.js";
import { settingsCommand } from "./settings.js";
import { statusCommand } from "./status.js";
import { subscribeCommand } from "./subscribe.js";
import { summaryCommand } from "./summary.js";
import { todayCommand } from "./today.js";
import { topCommand } from "./top.js";
import { topicsCommand } from "./topics.js";
import { unsubscribeCommand } from "./unsubscribe.js";
import { upvoteCommand } from "./upvote.js";
import { forgetCommand } from "./forget.js";
import { lessCommand } from "./less.js";
import { moreCommand } from "./more.js";

/** The command set, in help order. */
export interface CommandRegistry {
  /** Every command. */
  all: CommandDefinition<z.ZodType, CommandDeps>[];
  /** The command with this name (case-insensitive), or undefined. */
  find(name: string): CommandDefinition<z.ZodType, CommandDeps> | undefined;
  /** The command a button with this `action` runs, or undefined for buttons the core does not know. */
  forButton(action: string): CommandDefinition<z.ZodType, CommandDeps> | undefined;
  /** Platform-facing definitions (no `run`), for registration. */
  infos(): CommandDefinitionInfo[];
}

/** Builds the registry of every `/papers` subcommand; help is derived from it. */
export function createCommandRegistry(): CommandRegistry {
  const all: CommandDefinition<z.ZodType, CommandDeps>[] = [];
  const infos = (): CommandDefinitionInfo[] =>
    all.map(({ name, description, options, slow, requiresManager }) => ({ name, description, options, slow, requiresManager }));
  all.push(
    todayCommand,
    searchCommand,
    summaryCommand,
    askCommand,
    subscribeCommand,
    unsubscribeCommand,
    topicsCommand,
    forgetCommand,
    upvoteCommand,
    moreCommand,
    lessCommand,
    topCommand,
    scheduleCommand,
    settingsCommand,
    pauseCommand,
    resumeCommand,
    statusCommand,
    createHelpCommand(infos),
  );
  return {
    all,
    find: (name) => all.find((c) => c.name === name.trim().toLowerCase()),
    forButton: (action) => all.find((c) => c.button === true && c.name === action),
    infos,
  };
}

import { Routes } from "discord.js";
import type { REST } from "discord.js";
import type { CommandDefinitionInfo } from "../../core/chat/command-info.js";
import { buildSlashCommands } from "./slash-commands.js";

/**
 * Replaces the application's commands with `/papers` built from `defs` (one bulk PUT, so
 * stale subcommands disappear): in one guild when `guildId` is set (instant), else globally.
 */
export async function registerSlashCommands(rest: REST, applicationId: string, guildId: string | null, defs: CommandDefinitionInfo[]): Promise<void> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: buildSlashCommands(defs) });
}

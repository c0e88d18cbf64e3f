import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, SlashCommandSubcommandBuilder } from "discord.js";
import type { CommandDefinitionInfo, OptionDef } from "../../core/chat/command-info.js";
import { DISCORD_LIMITS as L } from "./discord-limits.js";
import { truncate } from "./escape-text.js";

/** The one top-level slash command; every core command is a subcommand of it. */
export const ROOT_COMMAND = "papers";

/** Longest value Discord lets a user type into a date option (`YYYY-MM-DD`). */
const DATE_LENGTH = 10;

function describe(text: string): string {
  return truncate(text, L.commandDescription);
}

function addOption(sub: SlashCommandSubcommandBuilder, option: OptionDef): void {
  const description = describe(option.type === "date" && !/YYYY-MM-DD/.test(option.description) ? `${option.description} (YYYY-MM-DD)` : option.description);
  if (option.type === "integer") {
    sub.addIntegerOption((o) => {
      o.setName(option.name).setDescription(description).setRequired(option.required);
      const choices = (option.choices ?? []).map(Number).filter(Number.isInteger).slice(0, 25);
      if (choices.length) o.addChoices(...choices.map((value) => ({ name: String(value), value })));
      return o;
    });
    return;
  }
  sub.addStringOption((o) => {
    o.setName(option.name).setDescription(description).setRequired(option.required);
    if (option.choices?.length) o.addChoices(...option.choices.slice(0, 25).map((value) => ({ name: truncate(value, L.choiceText), value })));
    else if (option.type === "paper" || option.type === "topic") o.setAutocomplete(true);
    if (option.type === "date") o.setMinLength(8).setMaxLength(DATE_LENGTH);
    return o;
  });
}

/**
 * Builds the registration body from the core's command definitions: one `/papers` with a
 * subcommand per command and typed options (date → string, paper/topic → string with
 * autocomplete, integer → integer, choices → choices). Usable in server channels only.
 *
 * No `default_member_permissions`: Discord applies it to the whole `/papers`, not to
 * subcommands, so it would hide `/papers today` from everyone who cannot manage channels.
 * Manager-only subcommands are checked at run time instead (Manage Channels in that channel).
 */
export function buildSlashCommands(defs: CommandDefinitionInfo[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const root = new SlashCommandBuilder()
    .setName(ROOT_COMMAND)
    .setDescription("Daily research papers from Hugging Face Daily Papers and arXiv")
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const def of defs) {
    root.addSubcommand((sub) => {
      sub.setName(def.name).setDescription(describe(def.description.replace(/\s*Needs channel-manager rights\.?$/, " (Manage Channels)").replace(/\.?\s*Changing needs channel-manager rights\.?$/, " (changing: Manage Channels)")));
      const ordered = [...def.options.filter((o) => o.required), ...def.options.filter((o) => !o.required)];
      for (const option of ordered) addOption(sub, option);
      return sub;
    });
  }
  return [root.toJSON()];
}

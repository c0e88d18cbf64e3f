import { PermissionFlagsBits } from "discord.js";
import type { ButtonInteraction, ChatInputCommandInteraction, CommandInteractionOption, Interaction } from "discord.js";
import type { Actor, ButtonEvent, CommandEvent } from "../../core/chat/message.js";
import { DISCORD_PLATFORM, conversationRef, messageRef } from "./discord-refs.js";
import { BUTTON_PREFIX } from "./render-message.js";
import { ROOT_COMMAND } from "./slash-commands.js";

/** Option values the core accepts. */
type OptionValue = string | number | boolean | undefined;

/** The actor of an interaction; channel-manager rights are the member's resolved permissions in that channel. */
export function actorOf(interaction: Interaction): Actor {
  const user = interaction.user;
  const member = interaction.member;
  const display = member && "displayName" in member ? member.displayName : (user.globalName ?? user.username);
  return {
    id: user.id,
    name: display,
    isBot: user.bot,
    canManageChannel: async () => interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false),
    managerRight: "Manage Channels",
  };
}

/** Conversation reference and workspace of an interaction (`dm` when there is no guild). */
export function whereOf(interaction: Interaction): { conversation: string; workspace: string } {
  return { conversation: conversationRef(interaction.guildId, interaction.channelId ?? "0"), workspace: interaction.guildId ?? "dm" };
}

/** The subcommand's options as given, values untouched (the core's schemas judge type and length). */
function optionsOf(interaction: ChatInputCommandInteraction): { name: string; values: CommandInteractionOption[] } {
  const first = interaction.options.data[0];
  if (interaction.commandName !== ROOT_COMMAND) return { name: interaction.commandName, values: [] };
  if (!first || first.type !== 1) return { name: "", values: interaction.options.data as CommandInteractionOption[] };
  return { name: first.name, values: [...(first.options ?? [])] };
}

/**
 * A `/papers <subcommand>` interaction as a core command event: typed option values by
 * name, and the text rebuilt from them (for logs and the core's length check). A stale
 * registration's unknown subcommand or command passes through for the core to refuse.
 */
export function commandEventOf(interaction: ChatInputCommandInteraction): CommandEvent {
  const { name, values } = optionsOf(interaction);
  const options: Record<string, OptionValue> = {};
  for (const option of values) {
    const value = option.value;
    options[option.name] = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
  }
  return {
    kind: "command",
    name,
    options,
    text: values.map((o) => String(o.value ?? "")).join(" "),
    platform: DISCORD_PLATFORM,
    ...whereOf(interaction),
    actor: actorOf(interaction),
    raw: { interactionId: interaction.id, command: interaction.commandName },
  };
}

/** Splits a `papers:<action>:<value>` custom id; null for ids the bot did not make. */
export function parseCustomId(customId: string): { action: string; value: string } | null {
  const match = new RegExp(`^${BUTTON_PREFIX}:([a-z_-]{1,32}):([\\s\\S]{1,90})$`).exec(customId);
  return match ? { action: match[1]!, value: match[2]! } : null;
}

/** A button press on one of the bot's messages as a core button event; null for foreign custom ids. */
export function buttonEventOf(interaction: ButtonInteraction): ButtonEvent | null {
  const parsed = parseCustomId(interaction.customId);
  if (!parsed) return null;
  return {
    kind: "button",
    ...parsed,
    messageRef: messageRef(interaction.guildId, interaction.message.channelId, interaction.message.id),
    platform: DISCORD_PLATFORM,
    ...whereOf(interaction),
    actor: actorOf(interaction),
    raw: { interactionId: interaction.id, customId: interaction.customId },
  };
}

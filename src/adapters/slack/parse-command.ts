import type { SlashCommand } from "@slack/bolt";
import type { Actor, CommandEvent } from "../../core/chat/message.js";
import type { ChannelRights } from "./slack-rights.js";
import { conversationRef } from "./slack-refs.js";

/** Slack sends `&`, `<` and `>` in command text as entities; the core wants what the user typed. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Splits `/papers` text into the subcommand (first word, lower-case) and the rest, as typed. */
export function splitCommandText(text: string): { name: string; text: string } {
  const match = /^\s*(\S*)\s*([\s\S]*)$/.exec(unescapeSlackText(text));
  return { name: (match?.[1] ?? "").toLowerCase(), text: (match?.[2] ?? "").trim() };
}

/** The actor for a Slack user in a channel; rights are checked only when a command needs them. */
export function slackActor(userId: string, channelId: string, rights: ChannelRights, options: { name?: string; isBot?: boolean } = {}): Actor {
  return {
    id: userId,
    name: options.name,
    isBot: options.isBot ?? false,
    canManageChannel: () => rights(userId, channelId),
    managers: "the channel's creator or a workspace admin or owner",
  };
}

/**
 * A `/papers …` slash command as the core's CommandEvent. Slack gives only text, so
 * `options` stays undefined and the core's parser splits it (keeping "quoted phrases").
 */
export function parseSlashCommand(command: SlashCommand, rights: ChannelRights): CommandEvent {
  const { name, text } = splitCommandText(command.text ?? "");
  return {
    kind: "command",
    name,
    text,
    platform: "slack",
    workspace: command.team_id,
    conversation: conversationRef(command.team_id, command.channel_id),
    actor: slackActor(command.user_id, command.channel_id, rights, { name: command.user_name }),
    raw: command,
  };
}

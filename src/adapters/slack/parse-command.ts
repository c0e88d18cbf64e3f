import type { BlockAction, ButtonAction, SlashCommand } from "@slack/bolt";
import type { Actor, ButtonEvent, CommandEvent, ReactionEvent } from "../../core/chat/message.js";
import type { ChannelRights } from "./slack-rights.js";
import { ACTION_PREFIX } from "./render-message.js";
import { conversationRef, messageRef } from "./slack-refs.js";

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

/** A `papers_<action>` button press as the core's ButtonEvent; null when it is not ours or lacks a channel/message. */
export function parseButton(body: BlockAction, action: ButtonAction, rights: ChannelRights): ButtonEvent | null {
  if (!action.action_id.startsWith(ACTION_PREFIX) || !body.channel || !body.message) return null;
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId) return null;
  return {
    kind: "button",
    action: action.action_id.slice(ACTION_PREFIX.length),
    value: action.value ?? "",
    messageRef: messageRef(teamId, body.channel.id, body.message.ts),
    platform: "slack",
    workspace: teamId,
    conversation: conversationRef(teamId, body.channel.id),
    actor: slackActor(body.user.id, body.channel.id, rights, { name: body.user.username }),
    raw: body,
  };
}

/** The parts of a reaction_added / reaction_removed Events API envelope the adapter reads. */
export interface SlackReactionEnvelope {
  /** Envelope event id (`Ev…`), the same on every retry of one event. */
  event_id?: string;
  /** Workspace the event happened in. */
  team_id?: string;
  /** The event itself. */
  event: { type: string; user: string; reaction: string; item: { type: string; channel?: string; ts?: string } };
}

/** A reaction on a message as the core's ReactionEvent (eventId = the envelope's event_id); null for files and other items. */
export function parseReaction(body: SlackReactionEnvelope, botUserId: string | null, rights: ChannelRights): ReactionEvent | null {
  const { event } = body;
  if (event.item.type !== "message" || !event.item.channel || !event.item.ts || !body.team_id) return null;
  return {
    kind: "reaction",
    added: event.type === "reaction_added",
    emoji: event.reaction,
    messageRef: messageRef(body.team_id, event.item.channel, event.item.ts),
    eventId: body.event_id,
    platform: "slack",
    workspace: body.team_id,
    conversation: conversationRef(body.team_id, event.item.channel),
    actor: slackActor(event.user, event.item.channel, rights, { isBot: botUserId !== null && event.user === botUserId }),
    raw: body,
  };
}

import type { BlockAction, ButtonAction } from "@slack/bolt";
import type { ButtonEvent } from "../../core/chat/message.js";
import { slackActor } from "./parse-command.js";
import { ACTION_PREFIX } from "./render-message.js";
import type { ChannelRights } from "./slack-rights.js";
import { conversationRef, messageRef } from "./slack-refs.js";

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

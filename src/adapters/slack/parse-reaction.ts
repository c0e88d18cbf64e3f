import type { ReactionEvent } from "../../core/chat/message.js";
import { slackActor } from "./parse-command.js";
import type { ChannelRights } from "./slack-rights.js";
import { conversationRef, messageRef } from "./slack-refs.js";

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

import type { RespondArguments } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import type { SlackMessage } from "./render-message.js";
import { SLACK_LIMITS } from "./slack-limits.js";

/** A rendered part as a response_url / ack payload; listings are public, the rest ephemeral. */
export function toResponse(part: SlackMessage, ephemeral: boolean): RespondArguments {
  return { response_type: ephemeral ? "ephemeral" : "in_channel", text: part.text, blocks: part.blocks, replace_original: false };
}

/** Where the parts of a reply go. */
export interface ReplyChannel {
  /** Posts to the interaction's response_url (Bolt's respond). */
  respond: (response: RespondArguments) => Promise<unknown>;
  /** Posts one part through the Web API instead (chat.postEphemeral for ephemeral replies, chat.postMessage otherwise). */
  post: (part: SlackMessage, ephemeral: boolean) => Promise<unknown>;
  /** response_url uses already spent on this interaction. Default 0. */
  used?: number;
}

/**
 * Sends the parts of a reply in order: through the response_url while it has uses left
 * (Slack allows SLACK_LIMITS.responseUrlUses), then, or once it refuses, through the Web
 * API, so a long split reply arrives whole instead of failing after the fifth part.
 */
export async function respondAll(to: ReplyChannel, parts: SlackMessage[], ephemeral: boolean, logger: Logger): Promise<void> {
  let used = to.used ?? 0;
  let viaApi = false;
  for (const part of parts) {
    if (!viaApi && used < SLACK_LIMITS.responseUrlUses) {
      try {
        used += 1;
        await to.respond(toResponse(part, ephemeral));
        continue;
      } catch (err) {
        logger.warn({ reason: (err as Error).message }, "response_url post failed; sending the rest through the Web API");
      }
    }
    viaApi = true;
    try {
      await to.post(part, ephemeral);
    } catch (err) {
      logger.warn({ reason: (err as Error).message }, "a part of a reply could not be posted");
      return;
    }
  }
}

import type { App, ButtonAction, RespondArguments } from "@slack/bolt";
import { respondAll, toResponse, type ReplyChannel } from "./respond-all.js";
import type { ChatCore } from "../../core/chat/chat-adapter.js";
import type { InboundEvent, OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { answerInTime } from "../shared/answer-in-time.js";
import { ANSWERED_IN_THREAD, routeToThread } from "../shared/route-to-thread.js";
import { parseButton } from "./parse-button.js";
import { parseSlashCommand } from "./parse-command.js";
import { postMessage } from "./post-message.js";
import { ACTION_PREFIX, renderMessage, type SlackMessage } from "./render-message.js";
import type { ChannelRights } from "./slack-rights.js";
import { messageRef, parseSlackRef } from "./slack-refs.js";

/** What the command and button listeners need. */
export interface InteractionDeps {
  /** The core, set once the adapter starts. */
  core: () => ChatCore | null;
  /** Rights checks for manager-only commands, through the client Bolt authorized for the event's workspace. */
  rightsFor: (client: App["client"]) => ChannelRights;
  /** Answer inline in the ack when the core replies within this many ms; else ack empty and respond later. */
  ackDeadlineMs: number;
  /** Logger. */
  logger: Logger;
}

const WORKING: RespondArguments = { response_type: "ephemeral", text: "Working on it…" };
const FAILED: OutboundMessage = {
  blocks: [{ kind: "text", text: "Something went wrong on our side. Try again in a minute." }],
  fallbackText: "Something went wrong on our side. Try again in a minute.",
  ephemeral: true,
};

async function runSafely(deps: InteractionDeps, event: InboundEvent): Promise<OutboundMessage | null> {
  const core = deps.core();
  if (!core) return null;
  try {
    return await core.handle(event);
  } catch (err) {
    deps.logger.error({ kind: event.kind, conversation: event.conversation, err: (err as Error).message }, "core handler failed");
    return FAILED;
  }
}

/** Posts a message into the thread of a Slack message reference. */
function threadPoster(client: App["client"], logger: Logger) {
  return async (message: OutboundMessage, threadOf: string) => {
    const target = parseSlackRef(threadOf);
    if (!target?.ts) throw new Error(`${threadOf} is not a Slack message`);
    await postMessage(client, { channel: target.channelId, threadTs: target.ts }, renderMessage(message), logger);
  };
}

/** A ReplyChannel for one interaction: its response_url, then the Web API as `user` in `channel`. */
function replyChannel(client: App["client"], respond: ReplyChannel["respond"], channel: string, user: string): ReplyChannel {
  return {
    respond,
    post: (part, ephemeral) =>
      ephemeral
        ? client.chat.postEphemeral({ channel, user, text: part.text, blocks: part.blocks })
        : client.chat.postMessage({ channel, text: part.text, blocks: part.blocks, unfurl_links: false, unfurl_media: false }),
  };
}

/**
 * Registers the `/papers` command: acks within Slack's 3 s with the reply itself when the
 * core answers in time, else acks first (ephemeral "Working on it…" for events the core
 * calls slow, empty otherwise) and answers through respond(). Extra parts of a split reply
 * follow through respond() too (the Web API past response_url's 5 uses). A reply for a
 * paper's thread is posted there.
 */
export function registerCommand(app: App, command: string, deps: InteractionDeps): void {
  app.command(command, async ({ command: payload, ack, respond, client }) => {
    const event = parseSlashCommand(payload, deps.rightsFor(client));
    const slow = deps.core()?.isSlow(event) ?? false;
    const { value: reply, deferred } = await answerInTime({
      slow,
      deadlineMs: deps.ackDeadlineMs,
      work: async () => {
        const answer = await runSafely(deps, event);
        return answer ? routeToThread(answer, threadPoster(client, deps.logger), deps.logger) : null;
      },
      defer: () => ack(slow ? WORKING : undefined),
    });
    if (deferred) {
      if (reply) await respondAll(replyChannel(client, respond, payload.channel_id, payload.user_id), renderMessage(reply), Boolean(reply.ephemeral), deps.logger);
      return;
    }
    if (!reply) {
      await ack();
      return;
    }
    const [head, ...rest] = renderMessage(reply);
    await ack(head ? toResponse(head, Boolean(reply.ephemeral)) : undefined);
    if (rest.length > 0) await respondAll(replyChannel(client, respond, payload.channel_id, payload.user_id), rest, Boolean(reply.ephemeral), deps.logger);
  });
}

/**
 * Registers the `papers_<action>` buttons: acks at once, hands a ButtonEvent to the core,
 * posts a public reply in the thread of the message that carried the button (the "Summary"
 * button), and an ephemeral reply (confirmations, errors) through respond().
 */
export function registerButtons(app: App, deps: InteractionDeps): void {
  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, respond, client }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const event = parseButton(body, action as ButtonAction, deps.rightsFor(client));
    if (!event || !body.channel || !body.message) return;
    const reply = await runSafely(deps, event);
    if (!reply) return;
    const threadTs = (body.message.thread_ts as string | undefined) ?? body.message.ts;
    const thread = messageRef(event.workspace, body.channel.id, threadTs);
    const routed = await routeToThread({ ...reply, threadOf: reply.threadOf ?? thread }, threadPoster(client, deps.logger), deps.logger);
    if (routed === ANSWERED_IN_THREAD) return;
    await respondAll(replyChannel(client, respond, body.channel.id, body.user.id), renderMessage({ ...routed, threadOf: undefined }), true, deps.logger);
  });
}

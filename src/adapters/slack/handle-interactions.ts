import type { App, ButtonAction, RespondArguments } from "@slack/bolt";
import type { InboundHandler } from "../../core/chat/chat-adapter.js";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { parseButton, parseSlashCommand } from "./parse-command.js";
import { postMessage } from "./post-message.js";
import { parseSlackRef } from "./slack-refs.js";
import { ACTION_PREFIX, renderMessage, type SlackMessage } from "./render-message.js";
import type { ChannelRights } from "./slack-rights.js";

/** What the command and button listeners need. */
export interface InteractionDeps {
  /** The core's entry point, set once the adapter starts. */
  handler: () => InboundHandler | null;
  /** Rights checks for manager-only commands. */
  rights: ChannelRights;
  /** True for subcommands declared `slow` (network work): acked at once, answered through respond(). */
  isSlow: (name: string) => boolean;
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

/** A rendered part as a response_url / ack payload; listings are public, the rest ephemeral. */
export function toResponse(part: SlackMessage, ephemeral: boolean): RespondArguments {
  return { response_type: ephemeral ? "ephemeral" : "in_channel", text: part.text, blocks: part.blocks, replace_original: false };
}

async function runSafely(deps: InteractionDeps, event: Parameters<InboundHandler>[0]): Promise<OutboundMessage | null> {
  const handler = deps.handler();
  if (!handler) return null;
  try {
    return await handler(event);
  } catch (err) {
    deps.logger.error({ kind: event.kind, conversation: event.conversation, err: (err as Error).message }, "core handler failed");
    return FAILED;
  }
}

/** The private note left where a question was asked when its answer went to the paper's thread. */
export const ANSWERED_IN_THREAD: OutboundMessage = {
  blocks: [{ kind: "text", text: "Answered in the paper's thread." }],
  fallbackText: "Answered in the paper's thread.",
  ephemeral: true,
};

/**
 * Posts a reply that asks for a paper's thread (`threadOf`) into that thread, and returns the
 * note to answer the command with; returns the reply itself when it stays where it was asked.
 */
async function routeToThread(reply: OutboundMessage, client: App["client"], logger: Logger): Promise<OutboundMessage> {
  const target = reply.threadOf && !reply.ephemeral ? parseSlackRef(reply.threadOf) : null;
  if (!target?.ts) return reply;
  try {
    await postMessage(client, { channel: target.channelId, threadTs: target.ts }, renderMessage({ ...reply, threadOf: undefined }), logger);
    return ANSWERED_IN_THREAD;
  } catch (err) {
    logger.info({ channel: target.channelId, reason: (err as Error).message }, "could not answer in the paper's thread; answering here");
    return reply;
  }
}

async function respondAll(respond: (r: RespondArguments) => Promise<unknown>, parts: SlackMessage[], ephemeral: boolean, logger: Logger): Promise<void> {
  for (const part of parts) {
    try {
      await respond(toResponse(part, ephemeral));
    } catch (err) {
      logger.warn({ reason: (err as Error).message }, "response_url post failed");
      return;
    }
  }
}

/**
 * Registers the `/papers` command: acks within Slack's 3 s with the reply itself when the
 * core answers in time, else acks first (ephemeral "Working on it…" for slow subcommands,
 * empty otherwise) and answers through respond(). Extra parts of a split reply follow
 * through respond() too.
 */
export function registerCommand(app: App, command: string, deps: InteractionDeps): void {
  app.command(command, async ({ command: payload, ack, respond, client }) => {
    const event = parseSlashCommand(payload, deps.rights);
    const run = async () => {
      const reply = await runSafely(deps, event);
      return reply ? routeToThread(reply, client, deps.logger) : null;
    };
    if (deps.isSlow(event.name)) {
      await ack(WORKING);
      const reply = await run();
      if (reply) await respondAll(respond, renderMessage(reply), Boolean(reply.ephemeral), deps.logger);
      return;
    }
    const pending = run();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deps.ackDeadlineMs)));
    const first = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (first === "late") {
      await ack();
      const reply = await pending;
      if (reply) await respondAll(respond, renderMessage(reply), Boolean(reply.ephemeral), deps.logger);
      return;
    }
    if (!first) {
      await ack();
      return;
    }
    const [head, ...rest] = renderMessage(first);
    await ack(head ? toResponse(head, Boolean(first.ephemeral)) : undefined);
    if (rest.length > 0) await respondAll(respond, rest, Boolean(first.ephemeral), deps.logger);
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
    const event = parseButton(body, action as ButtonAction, deps.rights);
    if (!event || !body.channel || !body.message) return;
    const reply = await runSafely(deps, event);
    if (!reply) return;
    const parts = renderMessage(reply);
    if (!reply.ephemeral) {
      const threadTs = (body.message.thread_ts as string | undefined) ?? body.message.ts;
      try {
        await postMessage(client, { channel: body.channel.id, threadTs }, parts, deps.logger);
        return;
      } catch (err) {
        if (!(err instanceof SendError)) throw err;
        deps.logger.info({ channel: body.channel.id, reason: err.reason }, "could not answer a button in the thread; answering privately");
      }
    }
    await respondAll(respond, parts, true, deps.logger);
  });
}

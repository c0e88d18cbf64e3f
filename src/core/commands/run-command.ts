import { randomUUID } from "node:crypto";
import { endSentence } from "../chat/end-sentence.js";
import type { CommandEvent, OutboundMessage } from "../chat/message.js";
import { BotError, isBotError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { CommandDeps } from "./command-deps.js";
import { needsManager, type CommandContext } from "./define-command.js";
import { usageOf } from "./help.js";
import type { CommandRegistry } from "./index.js";
import { parseCommandText } from "./parse-command-text.js";
import { textReply } from "../chat/present-paper.js";

/** Longest command text accepted; more is refused before any parsing. */
export const MAX_COMMAND_TEXT = 4000;

/** Turns any error into a one-line ephemeral reply, logging the reason (and the stack for bugs). */
export function errorReply(err: unknown, logger: Logger, context: Record<string, unknown>): OutboundMessage {
  if (isBotError(err)) {
    const level = err.code === "STORE_UNAVAILABLE" ? "warn" : "info";
    logger[level]({ ...context, code: err.code, reason: err.message, detail: err.detail }, err.code === "STORE_UNAVAILABLE" ? "command failed: the store does not answer" : "command refused");
    return { ...textReply(err.message), failure: err.code };
  }
  const ref = randomUUID().slice(0, 8);
  logger.error({ ...context, ref, err }, "command failed");
  return { ...textReply(`Something went wrong on our side (ref ${ref}). Try again in a minute; if it keeps happening, tell the bot's operator the ref.`), failure: "INTERNAL" };
}

/**
 * Runs one command event: finds the command, parses and validates its arguments, checks
 * channel-manager rights where needed, runs it, and turns every failure into a reply.
 * Never throws.
 */
export async function runCommand(registry: CommandRegistry, deps: CommandDeps, event: CommandEvent): Promise<OutboundMessage> {
  const logContext = { command: event.name, conversation: event.conversation, user: event.actor.id };
  try {
    const name = event.name.trim() || "help";
    const command = registry.find(name);
    if (!command) {
      const shown = name.length > 30 ? `${name.slice(0, 27)}...` : name;
      throw new BotError("UNKNOWN_COMMAND", `There is no /papers ${shown} command. Try /papers help for the list.`);
    }
    if (event.text.length > MAX_COMMAND_TEXT) {
      throw new BotError("INVALID_ARGS", `That is ${event.text.length} characters; commands take at most ${MAX_COMMAND_TEXT}. Shorten it.`);
    }
    const raw = event.options ?? parseCommandText(command.options, event.text);
    if ("_extra" in raw && raw._extra !== undefined) {
      throw new BotError("INVALID_ARGS", `I did not understand "${String(raw._extra).slice(0, 60)}". Usage: /papers ${usageOf(command)}`);
    }
    const parsed = command.args.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const what = issue?.message ?? "invalid arguments";
      throw new BotError("INVALID_ARGS", `${endSentence(what)} Usage: /papers ${usageOf(command)}`, parsed.error.issues);
    }
    if (needsManager(command, parsed.data) && !(await event.actor.canManageChannel())) {
      // A command that also shows (a predicate rule) is refused only for changing, and says so.
      const showsToo = typeof command.requiresManager === "function";
      const doing = showsToo ? `change /papers ${command.name}` : `use /papers ${command.name}`;
      const showHint = showsToo ? ` Anyone can see the current values with /papers ${command.name}.` : "";
      throw new BotError(
        "FORBIDDEN",
        (event.actor.managerRight
          ? `You need the ${event.actor.managerRight} right in this channel to ${doing}: it changes this channel for everyone. Ask someone who has it.`
          : `Only ${event.actor.managers ?? "channel managers"} can ${doing}: it changes this channel for everyone. Ask one of them${event.actor.managers ? "" : ", or a workspace admin"}.`) + showHint,
      );
    }
    const ctx: CommandContext = { deps, conversation: event.conversation, platform: event.platform, workspace: event.workspace, actor: event.actor };
    const reply = await command.run(parsed.data, ctx);
    deps.logger.debug(logContext, "command answered");
    return reply;
  } catch (err) {
    return errorReply(err, deps.logger, logContext);
  }
}

import { DiscordAPIError, MessageFlags } from "discord.js";
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import type { InboundHandler } from "../../core/chat/chat-adapter.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { CommandDefinitionInfo } from "../../core/commands/define-command.js";
import type { CoreDeps } from "../../core/core-deps.js";
import type { Logger } from "../../core/logger.js";
import { autocompleteChoices } from "./autocomplete.js";
import { buttonEventOf, commandEventOf, whereOf } from "./parse-interaction.js";
import { renderMessage } from "./render-message.js";

/** Defer when an answer is not ready after this long: Discord drops replies after 3 s. */
export const DEFER_AFTER_MS = 2000;

/** What the interaction handler needs. */
export interface InteractionContext {
  /** The core's entry point. */
  handler: InboundHandler;
  /** The command definitions (for `slow` and option types). */
  commands: () => CommandDefinitionInfo[];
  /** Stores for autocomplete. */
  deps: Pick<CoreDeps, "papers" | "subscriptions" | "clock">;
  /** Logger. */
  logger: Logger;
  /** Posts a reply into the thread of a message (the adapter's send with `threadOf`); returns the posted ref. */
  postInThread?: (conversation: string, message: OutboundMessage, threadOf: string) => Promise<string>;
}

/** The private note left where a question was asked when its answer went to the paper's thread. */
export const ANSWERED_IN_THREAD = "Answered in the paper's thread.";

/** Routes a reply that asks for a thread there, and returns the note to answer the interaction with; null when it stays here. */
async function routeToThread(reply: OutboundMessage, conversation: string, ctx: InteractionContext): Promise<OutboundMessage | null> {
  if (!reply.threadOf || reply.ephemeral || !ctx.postInThread) return null;
  try {
    await ctx.postInThread(conversation, { ...reply, threadOf: undefined }, reply.threadOf);
    return notice(ANSWERED_IN_THREAD);
  } catch (err) {
    ctx.logger.info({ err, threadOf: reply.threadOf }, "could not answer in the paper's thread; answering here");
    return null;
  }
}

/** The answer to an interaction from a DM, where there is no channel to manage or post to. */
export const DM_NOTICE = "I work in server channels: add me to a server and use /papers there.";
/** The answer to a button whose action the core no longer knows. */
export const STALE_BUTTON = "That button no longer works. Try /papers help.";

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

function notice(text: string): OutboundMessage {
  return { blocks: [{ kind: "text", text }], fallbackText: text, ephemeral: true };
}

/** Sends a reply: the first payload answers (or edits the deferred answer), the rest follow up. */
async function answer(interaction: Repliable, reply: OutboundMessage): Promise<void> {
  const [first, ...rest] = renderMessage(reply);
  if (!first) return;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(first);
  } else if (!reply.ephemeral) {
    const { flags: _flags, ...edit } = first;
    await interaction.editReply(edit);
  } else {
    // The deferred answer is public; an ephemeral reply (error, confirmation) replaces it.
    await interaction.deleteReply();
    await interaction.followUp(first);
  }
  for (const payload of rest) await interaction.followUp(payload);
}

/** Runs the core for an interaction within Discord's 3 s: slow commands defer at once, others when late. */
async function runTimed(interaction: Repliable, slow: boolean, work: () => Promise<OutboundMessage | null>, ctx: InteractionContext): Promise<void> {
  if (slow) await interaction.deferReply();
  const pending = work();
  if (!slow) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), DEFER_AFTER_MS)));
    const first = await Promise.race([pending.then(() => "done" as const), late]);
    clearTimeout(timer);
    if (first === "late") await interaction.deferReply();
  }
  const reply = (await pending) ?? notice(STALE_BUTTON);
  const routed = await routeToThread(reply, whereOf(interaction).conversation, ctx);
  await answer(interaction, routed ?? reply);
}

async function onAutocomplete(interaction: AutocompleteInteraction, ctx: InteractionContext): Promise<void> {
  if (!interaction.inGuild()) return interaction.respond([]);
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false) ?? "";
  const option = ctx.commands().find((c) => c.name === sub)?.options.find((o) => o.name === focused.name);
  const choices = option ? autocompleteChoices(ctx.deps, option.type, whereOf(interaction).conversation, String(focused.value)) : [];
  await interaction.respond(choices);
}

/**
 * Handles one interaction: slash commands and buttons go to the core and their reply is
 * rendered; autocomplete answers from the stores; DMs get a notice. Never throws.
 */
export async function handleInteraction(interaction: Interaction, ctx: InteractionContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await onAutocomplete(interaction, ctx);
    if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
    if (!interaction.inGuild()) return await interaction.reply(renderMessage(notice(DM_NOTICE))[0]!).then(() => undefined);
    if (interaction.isChatInputCommand()) {
      const event = commandEventOf(interaction);
      const slow = ctx.commands().find((c) => c.name === event.name)?.slow ?? false;
      return await runTimed(interaction, slow, () => ctx.handler(event), ctx);
    }
    const event = buttonEventOf(interaction);
    const slow = event?.action === "summary";
    await runTimed(interaction, slow, async () => (event ? ctx.handler(event) : null), ctx);
  } catch (err) {
    const code = err instanceof DiscordAPIError ? err.code : undefined;
    ctx.logger.warn({ err, code, interaction: interaction.id, type: interaction.type }, code === 10062 ? "interaction expired before the answer" : "interaction failed");
    if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
      await interaction.reply({ content: "Something went wrong; try again.", flags: MessageFlags.Ephemeral }).catch(() => undefined);
    }
  }
}

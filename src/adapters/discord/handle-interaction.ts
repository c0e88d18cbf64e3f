import { DiscordAPIError, MessageFlags } from "discord.js";
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import type { ChatCore } from "../../core/chat/chat-adapter.js";
import type { InboundEvent, OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { answerInTime } from "../shared/answer-in-time.js";
import { routeToThread } from "../shared/route-to-thread.js";
import { stripBidiControls } from "../shared/without-bidi-controls.js";
import { DISCORD_LIMITS as L } from "./discord-limits.js";
import { truncate } from "./escape-text.js";
import { buttonEventOf, commandEventOf, whereOf } from "./parse-interaction.js";
import { renderMessage } from "./render-message.js";

/** Defer when an answer is not ready after this long: Discord drops replies after 3 s. */
export const DEFER_AFTER_MS = 2000;

/** What the interaction handler needs. */
export interface InteractionContext {
  /** The core. */
  core: ChatCore;
  /** Logger. */
  logger: Logger;
  /** Posts a reply into the thread of a message (the adapter's send with `threadOf`); returns the posted ref. */
  postInThread: (conversation: string, message: OutboundMessage, threadOf: string) => Promise<string>;
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

/** Runs the core for an interaction within Discord's 3 s (slow events defer at once, others when late), then answers where the reply says. */
async function runTimed(interaction: Repliable, event: InboundEvent | null, ctx: InteractionContext): Promise<void> {
  const { value } = await answerInTime({
    slow: event ? ctx.core.isSlow(event) : false,
    deadlineMs: DEFER_AFTER_MS,
    work: async () => (event ? ctx.core.handle(event) : null),
    defer: async () => void (await interaction.deferReply()),
  });
  const reply = value ?? notice(STALE_BUTTON);
  const conversation = whereOf(interaction).conversation;
  await answer(interaction, await routeToThread(reply, (message, threadOf) => ctx.postInThread(conversation, message, threadOf), ctx.logger));
}

async function onAutocomplete(interaction: AutocompleteInteraction, ctx: InteractionContext): Promise<void> {
  if (!interaction.inGuild()) return interaction.respond([]);
  const focused = interaction.options.getFocused(true);
  const choices = await ctx.core.autocomplete({
    command: interaction.options.getSubcommand(false) ?? "",
    option: focused.name,
    conversation: whereOf(interaction).conversation,
    typed: String(focused.value),
  });
  // Discord: at most 25 choices, values and names of at most 100 characters.
  await interaction.respond(
    choices
      .filter((c) => c.value.length <= L.choiceText)
      .slice(0, L.autocompleteChoices)
      .map((c) => ({ name: truncate(stripBidiControls(c.name), L.choiceText), value: c.value })),
  );
}

/**
 * Handles one interaction: slash commands and buttons go to the core and their reply is
 * rendered; autocomplete asks the core; DMs get a notice. Never throws.
 */
export async function handleInteraction(interaction: Interaction, ctx: InteractionContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await onAutocomplete(interaction, ctx);
    if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
    if (!interaction.inGuild()) return await interaction.reply(renderMessage(notice(DM_NOTICE))[0]!).then(() => undefined);
    const event = interaction.isChatInputCommand() ? commandEventOf(interaction) : buttonEventOf(interaction);
    await runTimed(interaction, event, ctx);
  } catch (err) {
    const code = err instanceof DiscordAPIError ? err.code : undefined;
    ctx.logger.warn({ err, code, interaction: interaction.id, type: interaction.type }, code === 10062 ? "interaction expired before the answer" : "interaction failed");
    if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
      await interaction.reply({ content: "Something went wrong; try again.", flags: MessageFlags.Ephemeral }).catch(() => undefined);
    }
  }
}

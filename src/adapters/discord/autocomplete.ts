import type { ApplicationCommandOptionChoiceData } from "discord.js";
import { utcDay } from "../../core/clock.js";
import type { OptionType } from "../../core/commands/define-command.js";
import type { CoreDeps } from "../../core/core-deps.js";
import { DISCORD_LIMITS as L } from "./discord-limits.js";
import { stripBidiControls } from "../shared/without-bidi-controls.js";
import { truncate } from "./escape-text.js";

/**
 * Autocomplete choices for a typed option: topics from the channel's subscriptions, papers
 * from the latest day's listing, filtered by what the user typed so far. Pure over the stores.
 */
export function autocompleteChoices(deps: Pick<CoreDeps, "papers" | "subscriptions" | "clock">, type: OptionType, conversation: string, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  if (type === "topic") {
    return deps.subscriptions
      .list(conversation)
      .map((s) => s.topic)
      .filter((t) => t.length <= L.choiceText && t.toLowerCase().includes(needle))
      .slice(0, L.autocompleteChoices)
      .map((t) => ({ name: t, value: t }));
  }
  if (type === "paper") {
    const day = deps.papers.latestDailyDay(utcDay(deps.clock.now()));
    const papers = day ? deps.papers.listDaily(day) : [];
    return papers
      .filter((p) => p.id.startsWith(needle) || p.title.toLowerCase().includes(needle))
      .slice(0, L.autocompleteChoices)
      .map((p) => ({ name: truncate(`${p.id} · ${stripBidiControls(p.title).replace(/\s+/g, " ")}`, L.choiceText), value: p.id }));
  }
  return [];
}

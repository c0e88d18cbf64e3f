import type { AutocompleteRequest, Choice } from "../chat/command-info.js";
import { utcDay } from "../clock.js";
import type { Uses } from "./command-deps.js";
import type { CommandRegistry } from "./index.js";

/**
 * Autocomplete choices for an option being typed: topics from the channel's subscriptions,
 * papers from the latest day's listing, filtered by what was typed so far. Every match is
 * returned; each adapter keeps within its platform's limits (Discord: 25 choices of 100 characters).
 */
export async function autocompleteChoices(deps: Uses<"papers" | "subscriptions" | "clock">, registry: CommandRegistry, request: AutocompleteRequest): Promise<Choice[]> {
  const type = registry.find(request.command)?.options.find((o) => o.name === request.option)?.type;
  const needle = request.typed.trim().toLowerCase();
  if (type === "topic") {
    return (await deps.subscriptions.list(request.conversation))
      .map((s) => s.topic)
      .filter((t) => t.toLowerCase().includes(needle))
      .map((t) => ({ name: t, value: t }));
  }
  if (type === "paper") {
    const day = await deps.papers.latestDailyDay(utcDay(deps.clock.now()));
    const papers = day ? await deps.papers.listDaily(day) : [];
    return papers
      .filter((p) => p.id.startsWith(needle) || p.title.toLowerCase().includes(needle))
      .map((p) => ({ name: `${p.id} · ${p.title.replace(/\s+/g, " ")}`, value: p.id }));
  }
  return [];
}

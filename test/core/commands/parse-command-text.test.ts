import { describe, expect, it } from "vitest";
import type { OptionDef } from "../../../src/core/commands/define-command.js";
import { parseCommandText } from "../../../src/core/commands/parse-command-text.js";
import { createCommandRegistry } from "../../../src/core/commands/index.js";

const registry = createCommandRegistry();
const optionsOf = (name: string): OptionDef[] => registry.find(name)!.options;

describe("parseCommandText: optional typed options take only words of their type", () => {
  it.each([
    ["tokenization", { date: undefined, topic: "tokenization" }],
    ["2026-07-31 tokenization", { date: "2026-07-31", topic: "tokenization" }],
    ["tokenization 2026-07-31", { date: "2026-07-31", topic: "tokenization" }],
    ['"flow matching" OR diffusion', { date: undefined, topic: '"flow matching" OR diffusion' }],
    ["2026-13-45", { date: "2026-13-45", topic: undefined }],
    ["2026/07/31 memory", { date: "2026/07/31", topic: "memory" }],
    ["", { date: undefined, topic: undefined }],
  ])("today %s", (text, expected) => {
    expect(parseCommandText(optionsOf("today"), text)).toEqual(expected);
  });

  it("an optional integer before a rest option is skipped unless the word is a number", () => {
    const options: OptionDef[] = [
      { name: "count", description: "how many", type: "integer", required: false },
      { name: "query", description: "what", type: "query", required: true, rest: true },
    ];
    expect(parseCommandText(options, "agents memory")).toEqual({ count: undefined, query: "agents memory" });
    expect(parseCommandText(options, "agents 5 memory")).toEqual({ count: 5, query: "agents memory" });
  });

  it("a required date still takes the next word, so its own message says what is wrong", () => {
    const options: OptionDef[] = [{ name: "day", description: "day", type: "date", required: true }];
    expect(parseCommandText(options, "yesterday")).toEqual({ day: "yesterday" });
  });

  it("an optional typed option with nothing after it leaves an unfitting word as extra", () => {
    const options: OptionDef[] = [{ name: "day", description: "day", type: "date", required: false }];
    expect(parseCommandText(options, "yesterday")).toEqual({ day: undefined, _extra: "yesterday" });
  });

  it("choices are still picked out by shape anywhere, and a wrong word reaches the choice's own message", () => {
    expect(parseCommandText(optionsOf("top"), "MONTH")).toEqual({ period: "month" });
    expect(parseCommandText(optionsOf("top"), "year")).toEqual({ period: "year" });
    expect(parseCommandText(optionsOf("settings"), "5 max")).toEqual({ key: "max", value: "5" });
  });
});

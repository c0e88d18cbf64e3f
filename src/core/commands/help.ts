import { z } from "zod";
import type { CommandDefinitionInfo, OptionDef } from "./define-command.js";
import { defineCommand } from "./define-command.js";

/** `today [date] [topic]`-style usage line built from a command's options. */
export function usageOf(def: CommandDefinitionInfo): string {
  const opt = (o: OptionDef) => {
    const label = o.choices ? o.choices.join("|") : o.name;
    return o.required ? `<${label}>` : `[${label}]`;
  };
  return [def.name, ...def.options.map(opt)].join(" ");
}

/** Builds `/papers help` from the registry's own definitions, so help never drifts from the commands. */
export function createHelpCommand(list: () => CommandDefinitionInfo[]) {
  return defineCommand({
    name: "help",
    description: "List the commands and what they do.",
    options: [],
    args: z.object({}),
    async run() {
      const defs = list();
      const lines = defs.map((d) => `/papers ${usageOf(d)}: ${d.description}`);
      return {
        blocks: [
          { kind: "header", text: "Papers bot commands" },
          { kind: "text", text: lines.join("\n") },
          { kind: "context", text: 'Topics and searches accept words, "quoted phrases", OR and -excluded words.' },
        ],
        fallbackText: lines.join("\n"),
        ephemeral: true,
      };
    },
  });
}

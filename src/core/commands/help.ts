import { z } from "zod";
import type { OutboundMessage } from "../chat/message.js";
import { BotError } from "../errors.js";
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

/**
 * Examples shown by `/papers help <command>`, as typed after `/papers`. A test runs every
 * one through the command's own parser and schema, so an example never drifts from its command.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  today: ["today", "today 2026-07-31", "today agents", "today 2026-07-31 memory"],
  search: ["search agents", 'search "sparse attention" -survey'],
  summary: ["summary 2607.28582", "summary https://arxiv.org/abs/2607.28582"],
  ask: ["ask 2607.28582 what does the optimal policy interpolate between?"],
  subscribe: ["subscribe tokenization", 'subscribe diffusion OR "flow matching" -video'],
  unsubscribe: ["unsubscribe tokenization"],
  topics: ["topics"],
  forget: ["forget bpe"],
  upvote: ["upvote 2607.28582"],
  more: ["more 2607.28582"],
  less: ["less https://arxiv.org/abs/2607.28582"],
  top: ["top", "top month"],
  schedule: ["schedule 09:00", "schedule 09:00 Europe/Paris mon-fri", "schedule off"],
  settings: ["settings", "settings max 5", "settings mode topics"],
  pause: ["pause"],
  resume: ["resume"],
  status: ["status"],
  help: ["help", "help today"],
};

/** Strips what people type before a command's name in `help /papers today`. */
function commandName(text: string): string {
  return text.trim().replace(/^\/?papers\s+/i, "").replace(/^\//, "").toLowerCase();
}

/** One command's help: usage, description, each option, and examples. */
export function commandHelp(def: CommandDefinitionInfo): OutboundMessage {
  const options = def.options.map((o) => `  ${o.name} (${o.required ? "required" : "optional"}): ${o.description}${o.choices ? ` — one of ${o.choices.join(", ")}` : ""}`);
  const examples = (COMMAND_EXAMPLES[def.name] ?? []).map((e) => `  /papers ${e}`);
  const lines = [
    `Usage: /papers ${usageOf(def)}`,
    def.description,
    ...(options.length ? ["Options:", ...options] : []),
    ...(examples.length ? [examples.length > 1 ? "Examples:" : "Example:", ...examples] : []),
  ];
  return {
    blocks: [
      { kind: "header", text: `/papers ${def.name}` },
      { kind: "text", text: lines.join("\n") },
    ],
    fallbackText: lines.join("\n"),
    ephemeral: true,
  };
}

/** Builds `/papers help [command]` from the registry's own definitions, so help never drifts from the commands. */
export function createHelpCommand(list: () => CommandDefinitionInfo[]) {
  return defineCommand({
    name: "help",
    description: "List the commands and what they do, or explain one (e.g. /papers help today).",
    options: [{ name: "command", description: "A command to explain, e.g. today", type: "string", required: false, rest: true }],
    args: z.object({ command: z.string().trim().max(100, "Give one command name, e.g. /papers help today").optional() }),
    async run(args) {
      const defs = list();
      if (args.command) {
        const name = commandName(args.command);
        const def = defs.find((d) => d.name === name);
        if (!def) {
          const shown = name.length > 30 ? `${name.slice(0, 27)}...` : name;
          throw new BotError("UNKNOWN_COMMAND", `There is no /papers ${shown} command. The commands are: ${defs.map((d) => d.name).join(", ")}. Try /papers help today.`);
        }
        return commandHelp(def);
      }
      const lines = defs.map((d) => `/papers ${usageOf(d)}: ${d.description}`);
      return {
        blocks: [
          { kind: "header", text: "Papers bot commands" },
          { kind: "text", text: lines.join("\n") },
          { kind: "context", text: 'Topics and searches accept words, "quoted phrases", OR and -excluded words. /papers help <command> explains one, with examples.' },
        ],
        fallbackText: lines.join("\n"),
        ephemeral: true,
      };
    },
  });
}

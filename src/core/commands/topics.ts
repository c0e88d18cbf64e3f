import { z } from "zod";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";

/** `/papers topics`: the topics this channel follows. */
export const topicsCommand = defineCommand({
  name: "topics",
  description: "List the topics this channel follows.",
  options: [],
  args: z.object({}),
  async run(_args, ctx: CommandContext<Uses<"subscriptions">>) {
    const subs = await ctx.deps.subscriptions.list(ctx.conversation);
    if (subs.length === 0) return textReply("This channel follows no topics, so it gets all of the day's papers. Add one with /papers subscribe <topic>.", false);
    const lines = subs.map((s, i) => `${i + 1}. ${s.topic} (added ${s.addedAt.slice(0, 10)})`);
    return {
      blocks: [
        { kind: "header", text: `Topics followed here (${subs.length})` },
        { kind: "text", text: lines.join("\n") },
      ],
      fallbackText: `Topics followed here: ${subs.map((s) => s.topic).join("; ")}`,
      ephemeral: false,
    };
  },
});

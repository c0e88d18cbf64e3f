import { z } from "zod";
import { plural } from "../chat/plural.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";
import { paperArg } from "./shared-args.js";
import { recordFeedback } from "../topics/record-feedback.js";

/** `/papers upvote <paper>`: one upvote per person per paper in this channel (a reaction does the same on chat platforms). */
export const upvoteCommand = defineCommand({
  name: "upvote",
  description: "Upvote a paper in this channel (once per person); on Discord and Slack you can react to a posted paper instead.",
  options: [{ name: "paper", description: "arXiv id or link of a stored paper", type: "paper", required: true }],
  args: z.object({ paper: paperArg }),
  button: true,
  async run(args, ctx: CommandContext<Uses<"papers" | "lookup" | "logger" | "votes" | "clock" | "telemetry" | "subscriptions" | "topics">>) {
    const paper = await resolvePaper(ctx.deps, args.paper, false);
    const added = await ctx.deps.votes.add({
      paperId: paper.id,
      conversation: ctx.conversation,
      workspace: ctx.workspace,
      userId: ctx.actor.id,
      via: "command",
      at: ctx.deps.clock.now().toISOString(),
    });
    ctx.deps.telemetry?.voteEvent("command", added ? "counted" : "unchanged");
    if (added && !ctx.actor.isBot) await recordFeedback(ctx.deps, { conversation: ctx.conversation, paper, actor: ctx.actor, kind: "up", at: ctx.deps.clock.now().toISOString() });
    const total = (await ctx.deps.votes.counts({ conversation: ctx.conversation }, [paper.id])).get(paper.id) ?? 0;
    const head = added ? `Upvoted "${paper.title}".` : `You had already upvoted "${paper.title}"; it counts once.`;
    return textReply(`${head} It has ${plural(total, "vote")} here.`);
  },
});

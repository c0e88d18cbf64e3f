import { z } from "zod";
import { defineCommand, type CommandContext } from "./define-command.js";
import { feedbackReply, type FeedbackCommandDeps } from "./feedback-reply.js";
import { paperArg } from "./shared-args.js";

/** `/papers more <paper>`: "more like this" for the channel's topics (anyone; once per person per paper). */
export const moreCommand = defineCommand({
  name: "more",
  description: "More like this: papers like this one rank higher in this channel's topics (once per person per paper; the More like this button does the same).",
  options: [{ name: "paper", description: "arXiv id or link of a stored paper", type: "paper", required: true }],
  args: z.object({ paper: paperArg }),
  button: true,
  run: (args, ctx: CommandContext<FeedbackCommandDeps>) => feedbackReply("more", args.paper, ctx),
});

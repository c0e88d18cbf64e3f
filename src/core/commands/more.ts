import { z } from "zod";
import { defineCommand, type CommandContext } from "./define-command.js";
import { feedbackReply, type FeedbackCommandDeps } from "./feedback-reply.js";
import { paperArg } from "./shared-args.js";

/** `/papers more <paper>`: "more like this" for the channel's topics (anyone; once per person per paper). */
export const moreCommand = defineCommand({
  name: "more",
  description: "More like this: tune this channel's topics toward a paper.",
  options: [{ name: "paper", description: "arXiv id or link of a stored paper", type: "paper", required: true }],
  args: z.object({ paper: paperArg }),
  button: true,
  run: (args, ctx: CommandContext<FeedbackCommandDeps>) => feedbackReply("more", args.paper, ctx),
});

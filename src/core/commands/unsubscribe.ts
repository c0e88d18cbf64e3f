import { z } from "zod";
import { endSentence } from "../chat/end-sentence.js";
import { BotError } from "../errors.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";
import { topicArg } from "./shared-args.js";

/** `/papers unsubscribe <topic>`: stop following a topic here. */
export const unsubscribeCommand = defineCommand({
  name: "unsubscribe",
  description: "Stop following a topic in this channel. Needs channel-manager rights.",
  options: [{ name: "topic", description: "A topic this channel follows (see /papers topics)", type: "topic", required: true, rest: true }],
  args: z.object({ topic: topicArg }),
  requiresManager: true,
  async run(args, ctx: CommandContext<Uses<"subscriptions">>) {
    const { subscriptions } = ctx.deps;
    if (await subscriptions.remove(ctx.conversation, args.topic)) return textReply(endSentence(`Unsubscribed this channel from ${args.topic}`));
    const current = (await subscriptions.list(ctx.conversation)).map((s) => s.topic);
    const known = current.length ? endSentence(`It follows: ${current.join("; ")}`) : "It follows no topics.";
    throw new BotError("NOT_FOUND", `This channel does not follow "${args.topic}". ${known}`);
  },
});

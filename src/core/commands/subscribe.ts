import { z } from "zod";
import { endSentence } from "../chat/end-sentence.js";
import { BotError } from "../errors.js";
import { checkQueryWords } from "../topics/check-query-words.js";
import { parseTopicQuery } from "../topics/parse-topic-query.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";
import { topicArg } from "./shared-args.js";
import { previewTopic } from "./topic-preview.js";

/** Most topics one channel may follow; keeps digests and matching bounded. */
export const MAX_TOPICS_PER_CHANNEL = 25;

/** `/papers subscribe <topic>`: follow a topic here; replies with what it would have matched. */
export const subscribeCommand = defineCommand({
  name: "subscribe",
  description: 'Subscribe this channel to a topic (words, "phrases", OR, -exclusions); topic channels get only matching papers. Needs channel-manager rights.',
  options: [{ name: "topic", description: 'Topic, e.g. tokenization or diffusion OR "flow matching" -video', type: "topic", required: true, rest: true }],
  args: z.object({ topic: topicArg }),
  requiresManager: true,
  async run(args, ctx: CommandContext<Uses<"subscriptions" | "papers" | "clock" | "topics" | "learning">>) {
    const { subscriptions, papers, clock, topics, learning } = ctx.deps;
    checkQueryWords(args.topic, "topic");
    const query = parseTopicQuery(args.topic);
    const existing = await subscriptions.list(ctx.conversation);
    if (existing.length >= MAX_TOPICS_PER_CHANNEL && !existing.some((s) => s.topic.toLowerCase() === query.raw.toLowerCase())) {
      throw new BotError("INVALID_ARGS", `This channel already follows ${MAX_TOPICS_PER_CHANNEL} topics, the most allowed. Unsubscribe one first (/papers topics lists them).`);
    }
    const { created } = await subscriptions.add({
      conversation: ctx.conversation,
      platform: ctx.platform,
      workspace: ctx.workspace,
      topic: query.raw,
      addedBy: ctx.actor.id,
      addedAt: clock.now().toISOString(),
    });
    await learning.ensureTopics([query.raw]);
    const head = endSentence(created ? `Subscribed this channel to ${query.raw}` : `This channel already follows ${query.raw}`);
    return textReply(`${head} ${await previewTopic(query, { papers, clock, topics }, ctx.conversation)}`);
  },
});

import { z } from "zod";
import { textReply } from "../chat/present-paper.js";
import { BotError } from "../errors.js";
import { learnedFor, topicKeyOf } from "../topics/topic-learning.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";

/** `/papers forget <term>`: stop a learned term from extending this channel's topics. */
export const forgetCommand = defineCommand({
  name: "forget",
  description: "Drop a term a topic learned (see /papers topics). Needs channel-manager rights.",
  options: [{ name: "term", description: "A learned term as /papers topics lists it, e.g. bpe", type: "string", required: true, rest: true }],
  args: z.object({ term: z.string().trim().min(1, "Give the learned term to drop, e.g. bpe (/papers topics lists them)").max(200, "That is longer than any learned term; copy it from /papers topics") }),
  requiresManager: true,
  async run(args, ctx: CommandContext<Uses<"subscriptions" | "topics" | "clock">>) {
    const term = args.term.replace(/^["“]|["”]$/g, "").trim().toLowerCase();
    const subs = await ctx.deps.subscriptions.list(ctx.conversation);
    if (subs.length === 0) throw new BotError("NOT_FOUND", "This channel follows no topics, so it has learned nothing to drop. Add a topic with /papers subscribe <topic>.");
    const learned = await learnedFor(ctx.deps.topics, ctx.conversation, subs.map((s) => s.topic));
    const holders = subs.filter((s) => (learned.get(topicKeyOf(s.topic)) ?? []).some((l) => l.term === term));
    if (holders.length === 0) {
      const known = [...new Set([...learned.values()].flat().map((l) => `"${l.term}"`))];
      const list = known.length > 0 ? `Learned here: ${known.slice(0, 10).join(", ")}.` : "No topic here has learned a term yet.";
      throw new BotError("NOT_FOUND", `"${term}" is not a term this channel's topics have learned, so there is nothing to drop. ${list} /papers topics lists them.`);
    }
    const at = ctx.deps.clock.now().toISOString();
    for (const s of holders) await ctx.deps.topics.associations.dropTerm(ctx.conversation, topicKeyOf(s.topic), term, ctx.actor.id, at);
    return textReply(`Dropped "${term}" from ${holders.map((s) => s.topic).join(", ")} in this channel: it no longer extends ${holders.length === 1 ? "that topic" : "those topics"} here.`, false);
  },
});

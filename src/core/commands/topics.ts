import { z } from "zod";
import type { Block } from "../chat/message.js";
import { plural } from "../chat/plural.js";
import { textReply } from "../chat/present-paper.js";
import { explainProfile } from "../topics/channel-feedback.js";
import type { LearnedAssociation } from "../topics/learn-associations.js";
import { prepareTopics } from "../topics/topic-matcher.js";
import { topicKeyOf } from "../topics/topic-learning.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";

/** Where a learned term was counted: phrases come from HF keywords, single words from titles or keywords. */
function sourceOf(t: LearnedAssociation): string {
  return t.words.length > 1 ? "HF keywords" : "titles and HF keywords";
}

/** `/papers topics`: the topics this channel follows, what each has learned, and the channel's feedback on it. */
export const topicsCommand = defineCommand({
  name: "topics",
  description: "List this channel's topics, the terms each has learned and this channel's feedback on each.",
  options: [],
  args: z.object({}),
  async run(_args, ctx: CommandContext<Uses<"subscriptions" | "topics">>) {
    const subs = await ctx.deps.subscriptions.list(ctx.conversation);
    if (subs.length === 0) return textReply("This channel follows no topics, so it gets all of the day's papers. Add one with /papers subscribe <topic>.", false);
    const prepared = new Map((await prepareTopics(ctx.deps.topics, ctx.conversation, subs.map((s) => s.topic))).map((p) => [p.key, p]));
    const lines = subs.map((s, i) => {
      const p = prepared.get(topicKeyOf(s.topic));
      const out = [`${i + 1}. ${s.topic} (added ${s.addedAt.slice(0, 10)})`];
      if (p && p.learned.length > 0) out.push(`   learned: ${p.learned.map((t) => `"${t.term}" (PMI ${t.pmi.toFixed(1)}, ${plural(t.support, "paper")}, ${sourceOf(t)})`).join("; ")}`);
      if (p && p.feedback.votes > 0) out.push(`   feedback (${plural(p.feedback.votes, "vote")}): ${explainProfile(p.feedback) || "no term weight yet"}`);
      return out.join("\n");
    });
    const counted = (await ctx.deps.topics.associations.loadCounts([])).papers;
    const threshold = ctx.deps.topics.learnAfterPapers;
    const note =
      counted < threshold
        ? `Topics learn terms once ${threshold.toLocaleString("en-US")} papers are counted (${counted.toLocaleString("en-US")} so far). More like this / Not this on a post (or /papers more|less <paper>) tunes a topic here.`
        : "Learned terms count only beside a topic's own words. Drop one with /papers forget <term>; More like this / Not this (or /papers more|less <paper>) tunes a topic here.";
    const blocks: Block[] = [
      { kind: "header", text: `Topics followed here (${subs.length})` },
      { kind: "text", text: lines.join("\n") },
      { kind: "context", text: note },
    ];
    return { blocks, fallbackText: `Topics followed here: ${subs.map((s) => s.topic).join("; ")}`, ephemeral: false };
  },
});

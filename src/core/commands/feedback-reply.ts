import type { OutboundMessage } from "../chat/message.js";
import { plural } from "../chat/plural.js";
import { textReply } from "../chat/present-paper.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import { explainProfile, feedbackProfile } from "../topics/channel-feedback.js";
import { recordFeedback } from "../topics/record-feedback.js";
import type { Uses } from "./command-deps.js";
import type { CommandContext } from "./define-command.js";

/** The ports `more` and `less` use. */
export type FeedbackCommandDeps = Uses<"papers" | "lookup" | "logger" | "subscriptions" | "topics" | "clock">;

/**
 * Runs "more like this" or "not this" on a paper for the conversation's topics and says
 * what changed: which topics, and the channel's strongest term weights on each afterwards.
 */
export async function feedbackReply(kind: "more" | "less", input: string, ctx: CommandContext<FeedbackCommandDeps>): Promise<OutboundMessage> {
  if (ctx.actor.isBot) return textReply("Feedback from bots does not count; nothing changed.");
  const paper = await resolvePaper(ctx.deps, input, false);
  const outcome = await recordFeedback(ctx.deps, { conversation: ctx.conversation, paper, actor: ctx.actor, kind, at: ctx.deps.clock.now().toISOString() });
  const what = kind === "more" ? "more like" : "fewer like";
  const What = kind === "more" ? "More like" : "Fewer like";
  switch (outcome.kind) {
    case "bot":
      return textReply("Feedback from bots does not count; nothing changed.");
    case "no-paper":
    case "no-topics":
      return textReply("This channel follows no topics, so there is nothing to adjust: feedback tunes a topic channel's topics. Add one with /papers subscribe <topic>.");
    case "unrelated":
      return textReply(`"${paper.title}" shares no words with the topics followed here (${outcome.topics.join(", ")}), so no topic was adjusted. Feedback tunes a topic on papers near it.`);
    case "recorded": {
      const lines: string[] = [];
      for (const c of outcome.changes) {
        const profile = feedbackProfile(await ctx.deps.topics.feedback.list(ctx.conversation, c.key));
        const weights = explainProfile(profile);
        const now = `${c.topic}: ${plural(profile.votes, "vote")} here${weights ? `, term weights ${weights}` : ""}`;
        if (c.change === "unchanged") lines.push(`You had already asked for ${what} this under ${c.topic}; it counts once (${now}).`);
        else lines.push(`${c.change === "changed" ? `Changed your vote: ${what}` : What} "${paper.title}" under ${now}.`);
      }
      return textReply(`${lines.join("\n")}\nFeedback moves a paper's score by at most 0.75, so it reorders and trims near misses but never adds an off-topic paper.`);
    }
  }
}

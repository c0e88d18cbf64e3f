import { z } from "zod";
import { addDays, utcDay } from "../clock.js";
import { BotError } from "../errors.js";
import { checkQueryWords } from "../topics/check-query-words.js";
import { matchTopicAcross } from "../topics/match-topic.js";
import { parseTopicQuery } from "../topics/parse-topic-query.js";
import { defineCommand } from "./define-command.js";
import { textReply } from "./present-paper.js";
import { topicArg } from "./shared-args.js";

/** Most topics one channel may follow; keeps digests and matching bounded. */
export const MAX_TOPICS_PER_CHANNEL = 25;
/** How far back the subscribe preview looks, in days. */
export const PREVIEW_DAYS = 7;

/** `/papers subscribe <topic>`: follow a topic here; replies with what it would have matched. */
export const subscribeCommand = defineCommand({
  name: "subscribe",
  description: 'Subscribe this channel to a topic (words, "phrases", OR, -exclusions); topic channels get only matching papers. Needs channel-manager rights.',
  options: [{ name: "topic", description: 'Topic, e.g. tokenization or diffusion OR "flow matching" -video', type: "topic", required: true, rest: true }],
  args: z.object({ topic: topicArg }),
  requiresManager: true,
  async run(args, ctx) {
    const { subscriptions, papers, clock } = ctx.deps;
    checkQueryWords(args.topic, "topic");
    const query = parseTopicQuery(args.topic);
    const existing = subscriptions.list(ctx.conversation);
    if (existing.length >= MAX_TOPICS_PER_CHANNEL && !existing.some((s) => s.topic.toLowerCase() === query.raw.toLowerCase())) {
      throw new BotError("INVALID_ARGS", `This channel already follows ${MAX_TOPICS_PER_CHANNEL} topics, the most allowed. Unsubscribe one first (/papers topics lists them).`);
    }
    const { created } = subscriptions.add({
      conversation: ctx.conversation,
      platform: ctx.platform,
      workspace: ctx.workspace,
      topic: query.raw,
      addedBy: ctx.actor.id,
      addedAt: clock.now().toISOString(),
    });
    // The window ends at the newest stored listing, so a store that is behind (offline, or
    // a quiet weekend) still previews a full week of papers.
    const today = utcDay(clock.now());
    const until = papers.latestDailyDay(today) ?? today;
    const since = addDays(until, -(PREVIEW_DAYS - 1));
    const window = until === today ? `In the last ${PREVIEW_DAYS} days` : `In the ${PREVIEW_DAYS} days up to ${until}`;
    const matches = matchTopicAcross(query, papers.listSince(since, 5000));
    const examples = matches.slice(0, 2).map((m) => `"${m.paper.title}" (${m.paper.id})`);
    const preview =
      matches.length === 0
        ? `${window} it would have matched no paper; check the spelling or try a broader topic.`
        : `${window} it would have matched ${matches.length} paper${matches.length === 1 ? "" : "s"}, e.g. ${examples.join(" and ")}.`;
    const head = created ? `Subscribed this channel to ${query.raw}.` : `This channel already follows ${query.raw}.`;
    return textReply(`${head} ${preview}`);
  },
});

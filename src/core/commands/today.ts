import { z } from "zod";
import { plural } from "../chat/plural.js";
import { listDay } from "../papers/list-day.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { listingReply, paperData, textReply, toPaperCard } from "../chat/present-paper.js";
import { dayArg, topicArg } from "./shared-args.js";

/** How many papers a chat listing shows. */
export const TODAY_DEFAULT_LIMIT = 10;

/** `/papers today [date] [topic]`: the day's papers ranked by HF upvotes plus local votes. */
export const todayCommand = defineCommand({
  name: "today",
  description: "Today's papers, ranked by upvotes (Hugging Face plus this channel's); optionally another date, or only papers about a topic.",
  options: [
    { name: "date", description: "Day to list, YYYY-MM-DD (default: the latest day with papers)", type: "date", required: false },
    { name: "topic", description: "Only papers about this topic, e.g. tokenization", type: "topic", required: false, rest: true },
  ],
  args: z.object({ date: dayArg.optional(), topic: topicArg.optional(), limit: z.number().int().min(1).max(500).optional() }),
  async run(args, ctx: CommandContext<Uses<"papers" | "votes" | "clock" | "topics">>) {
    const listing = await listDay(ctx.deps, { date: args.date, topic: args.topic, limit: args.limit ?? TODAY_DEFAULT_LIMIT, conversation: ctx.conversation });
    if (listing.kind === "empty") return { ...textReply(listing.reason, false), data: { kind: "papers", papers: [] } };
    const cards = listing.papers.map((r, i) => toPaperCard(r.paper, { rank: i + 1, localVotes: r.localVotes, matched: r.matched }));
    const count = plural(listing.total, "paper");
    const shown = cards.length < listing.total ? `top ${cards.length} of ${count}` : count;
    const header = listing.query ? `Papers for ${listing.day} about ${listing.query.raw}` : `Papers for ${listing.day}`;
    const data = { kind: "papers" as const, papers: listing.papers.map((r) => paperData(r.paper, { day: listing.day, matched: r.matched }, r.localVotes)) };
    return { ...listingReply(header, `${shown} · ranked by Hugging Face upvotes plus votes here`, cards), data };
  },
});

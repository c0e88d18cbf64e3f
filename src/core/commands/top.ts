import { z } from "zod";
import { addDays, utcDay } from "../clock.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { listingReply, textReply, toPaperCard } from "../chat/present-paper.js";

const PERIOD_DAYS = { week: 7, month: 30 } as const;

/** `/papers top [week|month]`: the channel's most upvoted papers. */
export const topCommand = defineCommand({
  name: "top",
  description: "This channel's most upvoted papers over the last week (default) or month.",
  options: [{ name: "period", description: "week or month", type: "string", required: false, choices: ["week", "month"] }],
  args: z.object({
    period: z.enum(["week", "month"], { message: "Choose week or month, e.g. /papers top month" }).default("week"),
  }),
  async run(args, ctx: CommandContext<Uses<"votes" | "papers" | "clock">>) {
    const { votes, papers, clock } = ctx.deps;
    const since = `${addDays(utcDay(clock.now()), -PERIOD_DAYS[args.period])}T00:00:00.000Z`;
    const top = await votes.top({ conversation: ctx.conversation }, since, 10);
    if (top.length === 0) return textReply(`No votes in this channel in the last ${args.period}. Upvote a paper with a reaction or /papers upvote <paper>.`, false);
    const byId = new Map((await papers.getMany(top.map((t) => t.paperId))).map((p) => [p.id, p]));
    const cards = top.flatMap((t, i) => {
      const paper = byId.get(t.paperId);
      return paper ? [toPaperCard(paper, { rank: i + 1, localVotes: t.votes })] : [];
    });
    return listingReply(`Top papers here this ${args.period}`, "ranked by votes in this channel", cards);
  },
});

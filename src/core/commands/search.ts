import { z } from "zod";
import { endSentence } from "../chat/end-sentence.js";
import { plural } from "../chat/plural.js";
import { checkQueryWords } from "../topics/check-query-words.js";
import { parseTopicQuery } from "../topics/parse-topic-query.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { listingReply, paperData, textReply, toPaperCard } from "../chat/present-paper.js";

/** `/papers search <query>`: ranked full-text search over every stored paper. */
export const searchCommand = defineCommand({
  name: "search",
  description: 'Search every stored paper: words, "quoted phrases", OR, and -excluded words.',
  options: [{ name: "query", description: 'What to look for, e.g. "speculative decoding" -survey', type: "query", required: true, rest: true }],
  args: z.object({
    query: z.string({ message: 'Type what to search for, e.g. /papers search "speculative decoding"' }).trim().min(1, 'Type what to search for, e.g. /papers search "speculative decoding"').max(500, "Searches are limited to 500 characters; shorten it"),
    limit: z.number().int().min(1).max(100).optional(),
  }),
  async run(args, ctx: CommandContext<Uses<"papers" | "votes">>) {
    checkQueryWords(args.query, "search");
    const query = parseTopicQuery(args.query);
    const hits = await ctx.deps.papers.search(query, { limit: args.limit ?? 5 });
    if (hits.length === 0) return { ...textReply(`${endSentence(`Nothing stored matches ${query.raw}`)} Try fewer or broader words.`, false), data: { kind: "papers", papers: [] } };
    const counts = await ctx.deps.votes.counts({ conversation: ctx.conversation }, hits.map((h) => h.paper.id));
    const cards = hits.map((h, i) => toPaperCard(h.paper, { rank: i + 1, localVotes: counts.get(h.paper.id) ?? 0, snippet: h.snippet }));
    const data = { kind: "papers" as const, papers: hits.map((h) => paperData(h.paper, { score: Number(h.score.toFixed(4)), snippet: h.snippet }, counts.get(h.paper.id) ?? 0)) };
    return { ...listingReply(`Search: ${query.raw}`, plural(hits.length, "best match", "best matches"), cards), data };
  },
});

import { z } from "zod";
import type { Block } from "../chat/message.js";
import { summarizePaper } from "../summaries/summarize-paper.js";
import { defineCommand } from "./define-command.js";
import { shortenAuthors } from "./present-paper.js";
import { paperArg } from "./shared-args.js";

const METHOD_NOTE = {
  "hf-ai-summary": "Summary by Hugging Face (ai_summary).",
  extractive: "Key sentences of the abstract (extractive summary).",
  none: "No abstract is available yet; open the arXiv page for details.",
} as const;

/** `/papers summary <paper>`: a short summary plus links; unknown ids are fetched from arXiv. */
export const summaryCommand = defineCommand({
  name: "summary",
  description: "A short summary of a paper (Hugging Face's AI summary, or key sentences of the abstract) and its links. Takes an id or an arXiv/HF link.",
  options: [{ name: "paper", description: "arXiv id or link, e.g. 2410.17243", type: "paper", required: true }],
  args: z.object({ paper: paperArg }),
  slow: true,
  async run(args, ctx) {
    const { paper, sentences, method, links } = await summarizePaper(ctx.deps, args.paper);
    const facts = [
      paper.id,
      paper.publishedAt ? `submitted ${paper.publishedAt.slice(0, 10)}` : null,
      paper.hfUpvotes !== null ? `${paper.hfUpvotes} HF upvotes` : null,
      paper.categories[0] ?? null,
    ].filter((x): x is string => x !== null);
    const blocks: Block[] = [
      { kind: "header", text: paper.title },
      { kind: "context", text: `${shortenAuthors(paper.authors, 6)} · ${facts.join(" · ")}` },
      ...(sentences.length ? [{ kind: "text" as const, text: sentences.join(" ") }] : []),
      { kind: "context", text: METHOD_NOTE[method] },
      { kind: "links", links },
    ];
    return { blocks, fallbackText: `${paper.title} (${paper.id}): ${sentences.join(" ")}`, ephemeral: false };
  },
});

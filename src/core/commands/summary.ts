import { z } from "zod";
import type { Block, OutboundMessage } from "../chat/message.js";
import type { Paper } from "../papers/paper.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import { UNAVAILABLE_NOTE } from "../summaries/call-model.js";
import type { OfflineSummary } from "../summaries/offline-summary.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { linksFor, paperData, shortenAuthors } from "../chat/present-paper.js";
import { paperArg } from "./shared-args.js";

const METHOD_NOTE = {
  "hf-ai-summary": "Summary by Hugging Face (ai_summary).",
  extractive: "Key sentences of the abstract (extractive summary).",
  none: "No abstract is available yet; open the arXiv page for details.",
} as const;

const SHOWING = {
  "hf-ai-summary": "showing Hugging Face's summary",
  extractive: "showing the abstract's key sentences",
  none: "no abstract is available yet either; open the arXiv page",
} as const;

/** Header and facts lines shared by every summary reply. */
function headBlocks(paper: Paper): Block[] {
  const facts = [
    paper.id,
    paper.publishedAt ? `submitted ${paper.publishedAt.slice(0, 10)}` : null,
    paper.hfUpvotes !== null ? `${paper.hfUpvotes} HF upvotes` : null,
    paper.categories[0] ?? null,
  ].filter((x): x is string => x !== null);
  return [
    { kind: "header", text: paper.title },
    { kind: "context", text: `${shortenAuthors(paper.authors, 6)} · ${facts.join(" · ")}` },
  ];
}

/** The offline summary reply, with the reason the model's is missing when a model is configured. */
function offlineReply(paper: Paper, offline: OfflineSummary, note: string): OutboundMessage {
  const { sentences } = offline;
  const blocks: Block[] = [
    ...headBlocks(paper),
    ...(sentences.length ? [{ kind: "text" as const, text: sentences.join(" ") }] : []),
    { kind: "context", text: note },
    { kind: "links", links: linksFor(paper) },
  ];
  const data = { kind: "paper" as const, paper: paperData(paper, { summary: sentences, method: offline.method, links: linksFor(paper) }) };
  return { blocks, fallbackText: `${paper.title} (${paper.id}): ${sentences.join(" ")}`, ephemeral: false, data };
}

/** `/papers summary <paper>`: the model's TL;DR when one is configured, else the offline summary; plus links. */
export const summaryCommand = defineCommand({
  name: "summary",
  description: "A short summary of a paper and its links: an AI TL;DR when a model is configured, else Hugging Face's AI summary or key sentences of the abstract. Takes an id or an arXiv/HF link.",
  options: [{ name: "paper", description: "arXiv id or link, e.g. 2410.17243", type: "paper", required: true }],
  args: z.object({ paper: paperArg }),
  slow: true,
  button: true,
  async run(args, ctx: CommandContext<Uses<"papers" | "lookup" | "logger" | "summaries">>) {
    const paper = await resolvePaper(ctx.deps, args.paper, true);
    const result = await ctx.deps.summaries.summarize(paper);
    if (result.kind === "offline") {
      const { offline, unavailable } = result;
      const note = unavailable === "no-provider"
        ? METHOD_NOTE[offline.method]
        : `AI summary unavailable (${UNAVAILABLE_NOTE[unavailable]}); ${SHOWING[offline.method]}.`;
      return offlineReply(paper, offline, note);
    }
    const { tldr, writtenBy, grounding } = result;
    const from = grounding === "abstract+full-text" ? "the abstract and the arXiv full text" : "the abstract";
    const blocks: Block[] = [
      ...headBlocks(paper),
      { kind: "text", text: tldr.bullets.map((b) => `• ${b}`).join("\n") },
      { kind: "text", text: `Why it matters: ${tldr.why}` },
      { kind: "context", text: `AI TL;DR by ${writtenBy}, from ${from}. It can be wrong: check the paper.` },
      { kind: "links", links: linksFor(paper) },
    ];
    const fallbackText = `${paper.title} (${paper.id}): ${tldr.bullets.join(" ")} Why it matters: ${tldr.why} (AI TL;DR by ${writtenBy})`;
    const summary = [...tldr.bullets, `Why it matters: ${tldr.why}`];
    const data = { kind: "paper" as const, paper: paperData(paper, { summary, method: "model", writtenBy, grounding, links: linksFor(paper) }) };
    return { blocks, fallbackText, ephemeral: false, data };
  },
});

import { z } from "zod";
import type { Block } from "../chat/message.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import type { PaperAnswer } from "../summaries/ask-paper.js";
import { UNAVAILABLE_NOTE } from "../summaries/call-model.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { linksFor } from "../chat/present-paper.js";
import { paperArg } from "./shared-args.js";

const USAGE = "Ask a question, e.g. /papers ask 2410.17243 which datasets do they evaluate on?";

/** Quoted lines under a label. */
function quoted(label: string, lines: string[]): string {
  return `${label}\n${lines.map((line) => `“${line}”`).join("\n")}`;
}

/** The body blocks for one kind of answer, plus its one-line plain-text version. */
function answerBlocks(result: PaperAnswer): { blocks: Block[]; text: string } {
  const from = result.grounding === "abstract+full-text" ? "the abstract and the arXiv full text" : "the abstract";
  switch (result.kind) {
    case "answer":
      return {
        blocks: [
          { kind: "text", text: result.answer },
          { kind: "text", text: quoted("From the paper:", result.quotes) },
          { kind: "context", text: `AI answer by ${result.writtenBy} from ${from}; every quote was checked against the paper's text.` },
        ],
        text: `${result.answer} ${result.quotes.map((q) => `“${q}”`).join(" ")}`,
      };
    case "not-in-text": {
      const passages = result.passages.length ? [{ kind: "text" as const, text: quoted("Closest passages:", result.passages) }] : [];
      return {
        blocks: [
          { kind: "text", text: "The paper's text doesn't clearly answer this." },
          ...passages,
          { kind: "context", text: `Checked by ${result.writtenBy} against ${from}.` },
        ],
        text: "The paper's text doesn't clearly answer this.",
      };
    }
    case "offline": {
      const note = result.unavailable === "no-provider"
        ? "No language model is configured: these are the sentences of the paper's text that best match your question."
        : `AI answer unavailable (${UNAVAILABLE_NOTE[result.unavailable]}): these are the sentences of the paper's text that best match your question.`;
      const body = result.passages.length
        ? quoted("Most relevant passages:", result.passages)
        : "No sentence of the paper's text matches the question; try other words.";
      return { blocks: [{ kind: "text", text: body }, { kind: "context", text: note }], text: body };
    }
  }
}

/** `/papers ask <paper> <question>`: answers from the paper's own text, quoting it; offline, its most relevant sentences. */
export const askCommand = defineCommand({
  name: "ask",
  description: "Ask a question about a paper: answered only from its text (abstract and arXiv full text), with the sentences it relies on quoted.",
  options: [
    { name: "paper", description: "arXiv id or link, e.g. 2410.17243", type: "paper", required: true },
    { name: "question", description: "Your question, e.g. which datasets do they use?", type: "query", required: true, rest: true },
  ],
  args: z.object({
    paper: paperArg,
    question: z.string({ message: USAGE }).trim().min(3, USAGE).max(500, "Questions are limited to 500 characters; shorten it"),
  }),
  slow: true,
  async run(args, ctx: CommandContext<Uses<"papers" | "lookup" | "logger" | "ledger" | "summaries">>) {
    const paper = await resolvePaper(ctx.deps, args.paper, true);
    const result = await ctx.deps.summaries.ask(paper, args.question);
    const { blocks, text } = answerBlocks(result);
    return {
      blocks: [
        { kind: "header", text: paper.title },
        { kind: "context", text: `${paper.id} · Q: ${args.question}` },
        ...blocks,
        { kind: "links", links: linksFor(paper) },
      ],
      fallbackText: `${paper.title} (${paper.id}) · Q: ${args.question} · ${text}`,
      ephemeral: false,
      // Questions about a paper this channel was sent go to that paper's thread.
      threadOf: (await ctx.deps.ledger.latestPaperMessage(ctx.conversation, paper.id))?.messageRef ?? undefined,
    };
  },
});

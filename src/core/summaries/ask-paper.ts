import type { Paper } from "../papers/paper.js";
import { callModel, type ModelUnavailable } from "./call-model.js";
import { groundQuotes, parseModelAnswer } from "./ground-quotes.js";
import type { SummaryDeps } from "./llm-deps.js";
import { loadPaperText } from "./paper-text.js";
import { asData, askPrompt } from "./prompts.js";
import { relevantPassages } from "./relevant-passages.js";

/** What the paper text was built from. */
type Grounding = "abstract" | "abstract+full-text";

/** The answer to a question about a paper. */
export type PaperAnswer =
  /** The model answered, and every quote shown was found verbatim in the paper's text. */
  | { kind: "answer"; answer: string; quotes: string[]; writtenBy: string; grounding: Grounding }
  /** The model found no answer in the text, or none of its quotes were in the text; `passages` are the closest sentences. */
  | { kind: "not-in-text"; why: "model-says-so" | "ungrounded"; writtenBy: string; passages: string[]; grounding: Grounding }
  /** No model answer (none configured, budget, failure): the most relevant sentences, found offline. */
  | { kind: "offline"; passages: string[]; unavailable: ModelUnavailable; grounding: Grounding };

/**
 * Answers `question` from `paper`'s text only (abstract plus the arXiv full text when it
 * can be fetched). The model must quote what it relied on; quotes are checked against the
 * text and dropped when absent, and an answer left with none is not shown. Without a
 * model, or when it fails, returns the most relevant sentences (BM25). Never throws.
 */
export async function askPaper(deps: SummaryDeps, paper: Paper, question: string): Promise<PaperAnswer> {
  const paperText = await loadPaperText(deps, paper);
  const { grounding } = paperText;
  const passages = (): string[] => relevantPassages(paperText.text, question, 3);
  if (!deps.model) return { kind: "offline", passages: passages(), unavailable: "no-provider", grounding };
  if (!paperText.text) return { kind: "offline", passages: [], unavailable: "no-text", grounding };
  const outcome = await callModel(deps, askPrompt(paper.title, paperText.text, question), "ask");
  if (!outcome.ok) return { kind: "offline", passages: passages(), unavailable: outcome.reason, grounding };
  const parsed = parseModelAnswer(outcome.text);
  if (!parsed) {
    deps.logger.warn({ paperId: paper.id, length: outcome.text.length }, "model answer rejected: not the JSON shape asked for");
    return { kind: "offline", passages: passages(), unavailable: "malformed", grounding };
  }
  if (!parsed.found) return { kind: "not-in-text", why: "model-says-so", writtenBy: outcome.model, passages: passages(), grounding };
  const quotes = groundQuotes(parsed.quotes, asData(paperText.text));
  const dropped = parsed.quotes.length - quotes.length;
  if (dropped > 0) deps.logger.info({ paperId: paper.id, dropped, kept: quotes.length }, "dropped model quotes not found in the paper text");
  if (quotes.length === 0 || !parsed.answer) {
    return { kind: "not-in-text", why: "ungrounded", writtenBy: outcome.model, passages: passages(), grounding };
  }
  return { kind: "answer", answer: parsed.answer, quotes, writtenBy: outcome.model, grounding };
}

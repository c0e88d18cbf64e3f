import type { Link } from "../chat/message.js";
import { linksFor } from "../commands/present-paper.js";
import type { CoreDeps } from "../core-deps.js";
import type { Paper } from "../papers/paper.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import { extractiveSummary } from "./extractive-summary.js";

/** The offline summary: needs no model and no network. */
export interface OfflineSummary {
  /** Summary sentences, in order. */
  sentences: string[];
  /** `hf-ai-summary`, `extractive` (from the abstract), or `none` (no abstract yet). */
  method: "hf-ai-summary" | "extractive" | "none";
}

/** A paper's short summary and where it came from. */
export interface PaperSummary extends OfflineSummary {
  /** The paper (fetched from arXiv and stored if it was unknown). */
  paper: Paper;
  /** arXiv, PDF, HF, code and project links. */
  links: Link[];
}

/** HF's ai_summary when present, else 2–3 key sentences of the abstract; the default that needs nothing. */
export function offlineSummary(paper: Paper): OfflineSummary {
  if (paper.aiSummary) return { sentences: [paper.aiSummary], method: "hf-ai-summary" };
  if (paper.abstract) return { sentences: extractiveSummary(paper.abstract, 3), method: "extractive" };
  return { sentences: [], method: "none" };
}

/** Summarises a paper by id or URL: HF's ai_summary when present, else 2–3 key sentences of the abstract. */
export async function summarizePaper(deps: CoreDeps, input: string): Promise<PaperSummary> {
  const paper = await resolvePaper(deps, input, true);
  return { paper, links: linksFor(paper), ...offlineSummary(paper) };
}

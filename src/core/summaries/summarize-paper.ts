import type { Link } from "../chat/message.js";
import { linksFor } from "../commands/present-paper.js";
import type { CoreDeps } from "../core-deps.js";
import type { Paper } from "../papers/paper.js";
import { resolvePaper } from "../papers/resolve-paper.js";
import { extractiveSummary } from "./extractive-summary.js";

/** A paper's short summary and where it came from. */
export interface PaperSummary {
  /** The paper (fetched from arXiv and stored if it was unknown). */
  paper: Paper;
  /** Summary sentences, in order. */
  sentences: string[];
  /** `hf-ai-summary`, `extractive` (from the abstract), or `none` (no abstract yet). */
  method: "hf-ai-summary" | "extractive" | "none";
  /** arXiv, PDF, HF, code and project links. */
  links: Link[];
}

/** Summarises a paper by id or URL: HF's ai_summary when present, else 2–3 key sentences of the abstract. */
export async function summarizePaper(deps: CoreDeps, input: string): Promise<PaperSummary> {
  const paper = await resolvePaper(deps, input, true);
  const links = linksFor(paper);
  if (paper.aiSummary) return { paper, sentences: [paper.aiSummary], method: "hf-ai-summary", links };
  if (paper.abstract) return { paper, sentences: extractiveSummary(paper.abstract, 3), method: "extractive", links };
  return { paper, sentences: [], method: "none", links };
}

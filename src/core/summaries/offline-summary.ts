import type { Paper } from "../papers/paper.js";
import { extractiveSummary } from "../papers/extractive-summary.js";

/** The offline summary: needs no model and no network. */
export interface OfflineSummary {
  /** Summary sentences, in order. */
  sentences: string[];
  /** `hf-ai-summary`, `extractive` (from the abstract), or `none` (no abstract yet). */
  method: "hf-ai-summary" | "extractive" | "none";
}

/** HF's ai_summary when present, else 2–3 key sentences of the abstract; the default that needs nothing. */
export function offlineSummary(paper: Paper): OfflineSummary {
  if (paper.aiSummary) return { sentences: [paper.aiSummary], method: "hf-ai-summary" };
  if (paper.abstract) return { sentences: extractiveSummary(paper.abstract, 3), method: "extractive" };
  return { sentences: [], method: "none" };
}

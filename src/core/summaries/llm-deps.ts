import type { FullTextSource } from "./full-text-source.js";
import type { LanguageModel } from "./language-model.js";
import type { SummaryCache } from "./summary-cache.js";

/** Everything the model-backed summaries and answers need; `CoreDeps.llm`. */
export interface LlmDeps {
  /** The configured model, or null for the offline default (provider `none`). */
  model: LanguageModel | null;
  /** arXiv HTML full text, or null to ground on the abstract alone. */
  fullText: FullTextSource | null;
  /** Cache of TL;DRs and full texts, and the daily budget counter. */
  cache: SummaryCache;
  /** Most model requests per UTC day, across all channels (0 disables model calls). */
  dailyRequestBudget: number;
  /** Most characters of paper text sent to the model (about 4 per token); the full text is cut to fit. */
  maxInputChars: number;
  /** TL;DR requests in flight by cache key, so simultaneous asks for one paper make one call. */
  inflight: Map<string, Promise<unknown>>;
}

/** Builds LlmDeps (the composition root calls this once). */
export function createLlmDeps(parts: Omit<LlmDeps, "inflight">): LlmDeps {
  return { ...parts, inflight: new Map() };
}

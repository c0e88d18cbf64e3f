import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { FullTextSource } from "./full-text-source.js";
import type { LanguageModel } from "./language-model.js";
import type { SummaryCache } from "./summary-cache.js";
import type { Telemetry } from "../telemetry.js";

/** The ports model-backed summaries and answers use; the composition root builds them from the `llm` config. */
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
}

/** What the summaries module's functions take: the LLM ports plus "now" and a logger. */
export interface SummaryDeps extends LlmDeps {
  /** Source of "now" (budget day, cache timestamps). */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Where model calls are counted; absent counts nothing. */
  telemetry?: Telemetry;
}

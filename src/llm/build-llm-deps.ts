import type { Logger } from "../core/logger.js";
import type { LlmDeps } from "../core/summaries/llm-deps.js";
import type { SummaryCache } from "../core/summaries/summary-cache.js";
import { createHttpClient } from "../sources/http-client.js";
import { createArxivHtmlFullText } from "./arxiv-html-full-text.js";
import { createLanguageModel } from "./create-language-model.js";
import type { LlmConfig } from "./llm-config.js";

/** What `buildLlmDeps` needs from the composition root. */
export interface BuildLlmDepsOptions {
  /** The validated `llm` config section. */
  config: LlmConfig;
  /** API key from env, or null. Never logged. */
  apiKey: string | null;
  /** User-Agent for the arXiv HTML fetches (config.sources.http.userAgent). */
  userAgent: string;
  /** The SQLite summary cache and budget counter. */
  cache: SummaryCache;
  /** Logger. */
  logger: Logger;
}

/** Builds the model, the arXiv HTML full-text source and the cache that the core's summaries module is built over. */
export function buildLlmDeps(options: BuildLlmDepsOptions): LlmDeps {
  const { config, logger } = options;
  const log = logger.child({ component: "llm" });
  const fullText = config.fullText.enabled
    ? createArxivHtmlFullText({
        http: createHttpClient({ timeoutMs: config.fullText.timeoutMs, retries: 1, userAgent: options.userAgent, logger: log }),
        baseUrl: config.fullText.baseUrl,
        logger: log,
      })
    : null;
  const model = createLanguageModel(config, options.apiKey, log);
  if (model) log.info({ provider: model.provider, model: model.model, baseUrl: config.baseUrl, dailyRequestBudget: config.dailyRequestBudget }, "language model configured");
  return { model, fullText, cache: options.cache, dailyRequestBudget: config.dailyRequestBudget, maxInputChars: config.maxInputChars };
}

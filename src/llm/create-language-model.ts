import type { Logger } from "../core/logger.js";
import type { LanguageModel } from "../core/summaries/language-model.js";
import { createAnthropicLanguageModel } from "./anthropic-language-model.js";
import type { LlmConfig } from "./llm-config.js";
import { createOpenAiLanguageModel } from "./openai-language-model.js";

/** The configured LanguageModel, or null for provider `none` (the offline default). */
export function createLanguageModel(config: LlmConfig, apiKey: string | null, logger: Logger): LanguageModel | null {
  if (config.provider === "none" || config.model === null) return null;
  const common = { baseUrl: config.baseUrl, model: config.model, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries, temperature: config.temperature, logger };
  if (config.provider === "anthropic") return createAnthropicLanguageModel({ ...common, apiKey: apiKey ?? "" });
  return createOpenAiLanguageModel({ ...common, apiKey });
}

import type { Logger } from "../core/logger.js";
import type { LanguageModel } from "../core/summaries/language-model.js";
import type { LlmConfig } from "./llm-config.js";

/**
 * The configured LanguageModel, or null for provider `none` (the offline default). The SDK
 * is imported on the first completion, so a bot that never asks a model never loads it
 * (the two SDKs add ~0.2 s to start-up).
 */
export function createLanguageModel(config: LlmConfig, apiKey: string | null, logger: Logger): LanguageModel | null {
  if (config.provider === "none" || config.model === null) return null;
  const common = { baseUrl: config.baseUrl, model: config.model, timeoutMs: config.timeoutMs, maxRetries: config.maxRetries, temperature: config.temperature, logger };
  let loaded: Promise<LanguageModel> | null = null;
  const load = (): Promise<LanguageModel> =>
    (loaded ??=
      config.provider === "anthropic"
        ? import("./anthropic-language-model.js").then((m) => m.createAnthropicLanguageModel({ ...common, apiKey: apiKey ?? "" }))
        : import("./openai-language-model.js").then((m) => m.createOpenAiLanguageModel({ ...common, apiKey })));
  return {
    provider: config.provider,
    model: config.model,
    complete: async (request) => (await load()).complete(request),
  };
}

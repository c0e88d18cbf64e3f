import Anthropic from "@anthropic-ai/sdk";
import type { Logger } from "../core/logger.js";
import { LanguageModelError, type LanguageModel } from "../core/summaries/language-model.js";
import { toLanguageModelError } from "./sdk-errors.js";
import { sdkLogger } from "./sdk-logger.js";

/** Settings for Anthropic's Messages API. */
export interface AnthropicLanguageModelOptions {
  /** API origin; null for Anthropic's own. */
  baseUrl: string | null;
  /** Model name, e.g. claude-haiku-4-5. */
  model: string;
  /** API key (required by the API). Never logged. */
  apiKey: string;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /** SDK retries on 429/5xx/timeouts. */
  maxRetries: number;
  /** Sampling temperature, or null to leave it out. */
  temperature: number | null;
  /** Where SDK warnings go. */
  logger: Logger;
}

/** A LanguageModel over the official `@anthropic-ai/sdk` Messages API; the system prompt goes in `system`. */
export function createAnthropicLanguageModel(options: AnthropicLanguageModelOptions): LanguageModel {
  const client = new Anthropic({
    baseURL: options.baseUrl ?? undefined,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logger: sdkLogger(options.logger),
    logLevel: "warn",
  });
  return {
    provider: "anthropic",
    model: options.model,
    async complete(request) {
      let response;
      try {
        response = await client.messages.create({
          model: options.model,
          max_tokens: request.maxTokens,
          system: request.system,
          messages: [{ role: "user", content: request.user }],
          ...(options.temperature !== null ? { temperature: Math.min(1, options.temperature) } : {}),
        });
      } catch (err) {
        throw toLanguageModelError(err, Anthropic, "anthropic");
      }
      const blocks = (response as { content?: unknown }).content;
      const text = Array.isArray(blocks)
        ? blocks.flatMap((b: { type?: unknown; text?: unknown }) => (b?.type === "text" && typeof b.text === "string" ? [b.text] : [])).join("")
        : "";
      if (!text.trim()) throw new LanguageModelError("BAD_RESPONSE", "anthropic: no text content in the response");
      return { text, model: typeof response.model === "string" && response.model ? response.model : options.model };
    },
  };
}

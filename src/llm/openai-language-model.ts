import OpenAI from "openai";
import type { Logger } from "../core/logger.js";
import { LanguageModelError, type LanguageModel } from "../core/summaries/language-model.js";
import { toLanguageModelError } from "./sdk-errors.js";
import { sdkLogger } from "./sdk-logger.js";

/** Settings for an OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp server). */
export interface OpenAiLanguageModelOptions {
  /** Base URL including `/v1`; null for OpenAI's own API. */
  baseUrl: string | null;
  /** Model name. */
  model: string;
  /** API key; null for local servers that take none. Never logged. */
  apiKey: string | null;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /** SDK retries on 429/5xx/timeouts. */
  maxRetries: number;
  /** Sampling temperature, or null to leave it out. */
  temperature: number | null;
  /** Where SDK warnings go. */
  logger: Logger;
}

/**
 * A LanguageModel over the official `openai` SDK's chat completions. OpenAI's own API gets
 * `max_completion_tokens`; other OpenAI-compatible servers get the widely supported `max_tokens`.
 */
export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  const client = new OpenAI({
    baseURL: options.baseUrl ?? undefined,
    apiKey: options.apiKey ?? "not-needed",
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logger: sdkLogger(options.logger),
    logLevel: "warn",
  });
  const official = options.baseUrl === null;
  return {
    provider: "openai",
    model: options.model,
    async complete(request) {
      let response;
      try {
        response = await client.chat.completions.create({
          model: options.model,
          messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
          ],
          ...(official ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
          ...(options.temperature !== null ? { temperature: options.temperature } : {}),
        });
      } catch (err) {
        throw toLanguageModelError(err, OpenAI, "openai");
      }
      const text = (response as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
      if (typeof text !== "string" || !text.trim()) throw new LanguageModelError("BAD_RESPONSE", "openai: no message content in the response");
      return { text, model: typeof response.model === "string" && response.model ? response.model : options.model };
    },
  };
}

/** One request to a language model: a trusted system prompt and an untrusted-data user message. */
export interface CompletionRequest {
  /** Instructions only; never contains paper text or user input. */
  system: string;
  /** The user turn: the task plus delimited, untrusted data (paper text, question). */
  user: string;
  /** Most output tokens the model may write. */
  maxTokens: number;
}

/** What a language model answered. */
export interface Completion {
  /** The model's text, as written (untrusted: validate before showing). */
  text: string;
  /** The model that wrote it, as the provider reports it (falls back to the configured name). */
  model: string;
}

/** Why a model call failed, so the core can say so in one short note. */
export type LanguageModelErrorCode =
  /** No answer within the configured timeout. */
  | "TIMEOUT"
  /** The provider said 429 (rate limit or quota). */
  | "RATE_LIMITED"
  /** The key was refused (401/403). */
  | "AUTH"
  /** A 5xx, a network failure or any other refusal. */
  | "UPSTREAM"
  /** The provider answered, but not in the API's shape (no text). */
  | "BAD_RESPONSE";

/** A failed model call; providers throw only this. `message` is for logs and never holds the key. */
export class LanguageModelError extends Error {
  /** Stable reason code. */
  readonly code: LanguageModelErrorCode;

  constructor(code: LanguageModelErrorCode, message: string) {
    super(message);
    this.name = "LanguageModelError";
    this.code = code;
  }
}

/** The language-model port: one chat completion. Implemented in src/llm over the provider SDKs. */
export interface LanguageModel {
  /** Provider name, for logs (`openai`, `anthropic`). */
  readonly provider: string;
  /** Configured model name; the cache key, so a model change writes fresh summaries. */
  readonly model: string;
  /** Runs one completion. Throws LanguageModelError. */
  complete(request: CompletionRequest): Promise<Completion>;
}

import { LanguageModelError } from "../core/summaries/language-model.js";

/** The error classes an SDK exports that we tell apart (OpenAI and Anthropic export the same names). */
export interface SdkErrorClasses {
  /** Base class of HTTP errors; carries `status`. */
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined };
  /** Thrown when the SDK's `timeout` elapsed. */
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

/** Maps whatever an SDK threw to a LanguageModelError (timeout, 429, auth, 5xx, malformed body). Messages carry no key. */
export function toLanguageModelError(err: unknown, sdk: SdkErrorClasses, provider: string): LanguageModelError {
  if (err instanceof LanguageModelError) return err;
  if (err instanceof sdk.APIConnectionTimeoutError) return new LanguageModelError("TIMEOUT", `${provider}: request timed out`);
  if (err instanceof sdk.APIError) {
    const status = err.status;
    if (status === 429) return new LanguageModelError("RATE_LIMITED", `${provider}: HTTP 429`);
    if (status === 401 || status === 403) return new LanguageModelError("AUTH", `${provider}: HTTP ${status} (check the API key)`);
    return new LanguageModelError("UPSTREAM", `${provider}: ${status === undefined ? "connection failed" : `HTTP ${status}`}`);
  }
  if (err instanceof SyntaxError) return new LanguageModelError("BAD_RESPONSE", `${provider}: response was not JSON`);
  return new LanguageModelError("UPSTREAM", `${provider}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300));
}

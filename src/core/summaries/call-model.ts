import { utcDay } from "../clock.js";
import type { CompletionRequest } from "./language-model.js";
import type { SummaryDeps } from "./llm-deps.js";

/** Why no usable model answer came back. */
export type ModelUnavailable = "no-provider" | "no-text" | "budget" | "timeout" | "rate-limited" | "provider-error" | "malformed";

/** The outcome of one budgeted call. */
export type ModelOutcome =
  /** The model answered (text still untrusted). */
  | { ok: true; text: string; model: string }
  /** No answer, and why. */
  | { ok: false; reason: ModelUnavailable };

/** Short phrases for each reason, used in "AI summary unavailable (…)" notes. */
export const UNAVAILABLE_NOTE: Record<ModelUnavailable, string> = {
  "no-provider": "no language model is configured",
  "no-text": "the paper has no text to work from yet",
  budget: "budget spent for today",
  timeout: "the model timed out",
  "rate-limited": "the model provider is rate limiting us",
  "provider-error": "the model provider failed",
  malformed: "the model's answer was not usable",
};

/**
 * Calls the configured model once, if today's request budget allows; never throws. Every
 * request sent counts against the budget, failed ones included.
 */
export async function callModel(deps: SummaryDeps, request: CompletionRequest, purpose: string): Promise<ModelOutcome> {
  const outcome = await callModelOnce(deps, request, purpose);
  deps.telemetry?.modelCalled(purpose, outcome.ok ? "ok" : outcome.reason);
  return outcome;
}

async function callModelOnce(deps: SummaryDeps, request: CompletionRequest, purpose: string): Promise<ModelOutcome> {
  const llm = deps;
  if (!llm.model) return { ok: false, reason: "no-provider" };
  const day = utcDay(deps.clock.now());
  if (!(await llm.cache.consumeRequest(day, llm.dailyRequestBudget))) {
    deps.logger.info({ purpose, day, budget: llm.dailyRequestBudget }, "model request budget spent for today");
    return { ok: false, reason: "budget" };
  }
  try {
    const completion = await llm.model.complete(request);
    return { ok: true, text: completion.text, model: completion.model };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason: ModelUnavailable = code === "TIMEOUT" ? "timeout" : code === "RATE_LIMITED" ? "rate-limited" : code === "BAD_RESPONSE" ? "malformed" : "provider-error";
    deps.logger.warn({ purpose, provider: llm.model.provider, model: llm.model.model, code, reason: (err as Error).message }, "model request failed");
    return { ok: false, reason };
  }
}

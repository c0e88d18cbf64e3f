import type { CoreDeps } from "../core-deps.js";
import type { Paper } from "../papers/paper.js";
import { callModel, type ModelUnavailable } from "./call-model.js";
import { loadPaperText } from "./paper-text.js";
import { parseTldr, type Tldr } from "./parse-tldr.js";
import { tldrPrompt } from "./prompts.js";
import { offlineSummary, type OfflineSummary } from "./summarize-paper.js";

/** What `llmSummary` serves. */
export type LlmSummary =
  /** The model's validated TL;DR. */
  | { kind: "model"; tldr: Tldr; writtenBy: string; cached: boolean; grounding: "abstract" | "abstract+full-text" }
  /** The offline summary, and why the model's is not shown. */
  | { kind: "offline"; offline: OfflineSummary; unavailable: ModelUnavailable };

/** What the cache stores for a TL;DR. */
interface StoredTldr extends Tldr {
  grounding: "abstract" | "abstract+full-text";
}

/** A cached TL;DR, re-validated on read (a corrupt row counts as a miss). */
function readStored(text: string): StoredTldr | null {
  try {
    const value = JSON.parse(text) as Partial<StoredTldr>;
    const ok = Array.isArray(value.bullets) && value.bullets.length === 3 && value.bullets.every((b) => typeof b === "string") && typeof value.why === "string";
    if (!ok) return null;
    return { bullets: value.bullets as Tldr["bullets"], why: value.why!, grounding: value.grounding === "abstract+full-text" ? "abstract+full-text" : "abstract" };
  } catch {
    return null;
  }
}

/** Asks the model for a TL;DR and caches it; the uncached path of `llmSummary`. */
async function fetchTldr(deps: CoreDeps, paper: Paper, model: string): Promise<LlmSummary> {
  const paperText = await loadPaperText(deps, paper);
  if (!paperText.text) return { kind: "offline", offline: offlineSummary(paper), unavailable: "no-text" };
  const outcome = await callModel(deps, tldrPrompt(paper.title, paperText.text), "tldr");
  if (!outcome.ok) return { kind: "offline", offline: offlineSummary(paper), unavailable: outcome.reason };
  const tldr = parseTldr(outcome.text);
  if (!tldr) {
    deps.logger.warn({ paperId: paper.id, model, length: outcome.text.length }, "model TL;DR rejected: not three bullets and a why line");
    return { kind: "offline", offline: offlineSummary(paper), unavailable: "malformed" };
  }
  const stored: StoredTldr = { ...tldr, grounding: paperText.grounding };
  deps.llm!.cache.put({
    paperId: paper.id, kind: "tldr", model, text: JSON.stringify(stored), writtenBy: outcome.model,
    paperVersion: paper.version, createdAt: deps.clock.now().toISOString(),
  });
  return { kind: "model", tldr, writtenBy: outcome.model, cached: false, grounding: paperText.grounding };
}

/**
 * The model's TL;DR of `paper` (three bullets and a "why it matters" line), grounded in
 * the abstract plus the arXiv full text, cached per paper and model so one request serves
 * every channel and workspace. Without a provider, on any model failure, on malformed
 * output or when today's budget is spent, returns the offline summary instead. Never throws.
 */
export async function llmSummary(deps: CoreDeps, paper: Paper): Promise<LlmSummary> {
  const llm = deps.llm;
  if (!llm?.model) return { kind: "offline", offline: offlineSummary(paper), unavailable: "no-provider" };
  const model = llm.model.model;
  const cached = llm.cache.get(paper.id, "tldr", model);
  const stored = cached && (paper.version === null || cached.paperVersion === paper.version) ? readStored(cached.text) : null;
  if (cached && stored) {
    const { grounding, ...tldr } = stored;
    return { kind: "model", tldr, writtenBy: cached.writtenBy, cached: true, grounding };
  }
  const key = `${paper.id}\u0000${model}`;
  const running = llm.inflight.get(key) as Promise<LlmSummary> | undefined;
  if (running) return running;
  const request = fetchTldr(deps, paper, model).catch((err: unknown): LlmSummary => {
    deps.logger.error({ paperId: paper.id, err }, "TL;DR failed unexpectedly; serving the offline summary");
    return { kind: "offline", offline: offlineSummary(paper), unavailable: "provider-error" };
  });
  llm.inflight.set(key, request);
  try {
    return await request;
  } finally {
    llm.inflight.delete(key);
  }
}

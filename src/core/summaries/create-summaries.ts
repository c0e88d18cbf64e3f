import type { Paper } from "../papers/paper.js";
import { askPaper, type PaperAnswer } from "./ask-paper.js";
import { callModel, type ModelUnavailable } from "./call-model.js";
import type { SummaryDeps } from "./llm-deps.js";
import { offlineSummary, type OfflineSummary } from "./offline-summary.js";
import { loadPaperText } from "./paper-text.js";
import { parseTldr, type Tldr } from "./parse-tldr.js";
import { tldrPrompt } from "./prompts.js";

/** What `Summaries.summarize` serves: the model's TL;DR, or the offline summary and why. */
export type PaperSummary =
  /** The model's validated TL;DR. */
  | { kind: "model"; tldr: Tldr; writtenBy: string; cached: boolean; grounding: "abstract" | "abstract+full-text" }
  /** The offline summary, and why the model's is not shown. */
  | { kind: "offline"; offline: OfflineSummary; unavailable: ModelUnavailable };

/** Summaries and answers about papers, grounded in their text; one per process (it owns the in-flight requests). */
export interface Summaries {
  /**
   * The model's TL;DR of `paper` (three bullets and a "why it matters" line), cached per
   * paper and model so one request serves every channel; without a provider, on any model
   * failure, on malformed output or when today's budget is spent, the offline summary.
   * Simultaneous asks for one paper make one model call. Never throws.
   */
  summarize(paper: Paper): Promise<PaperSummary>;
  /** Answers `question` from the paper's text only, quotes checked (see askPaper). Never throws. */
  ask(paper: Paper, question: string): Promise<PaperAnswer>;
}

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

/** Asks the model for a TL;DR and caches it; the uncached path of `summarize`. */
async function fetchTldr(deps: SummaryDeps, paper: Paper, model: string): Promise<PaperSummary> {
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
  await deps.cache.put({
    paperId: paper.id, kind: "tldr", model, text: JSON.stringify(stored), writtenBy: outcome.model,
    paperVersion: paper.version, createdAt: deps.clock.now().toISOString(),
  });
  return { kind: "model", tldr, writtenBy: outcome.model, cached: false, grounding: paperText.grounding };
}

/** Builds the summaries module over the LLM ports; the TL;DR requests in flight live inside it. */
export function createSummaries(deps: SummaryDeps): Summaries {
  const inflight = new Map<string, Promise<PaperSummary>>();

  async function summarize(paper: Paper): Promise<PaperSummary> {
    if (!deps.model) return { kind: "offline", offline: offlineSummary(paper), unavailable: "no-provider" };
    const model = deps.model.model;
    const cached = await deps.cache.get(paper.id, "tldr", model);
    const stored = cached && (paper.version === null || cached.paperVersion === paper.version) ? readStored(cached.text) : null;
    if (cached && stored) {
      const { grounding, ...tldr } = stored;
      return { kind: "model", tldr, writtenBy: cached.writtenBy, cached: true, grounding };
    }
    const key = `${paper.id}\u0000${model}`;
    const running = inflight.get(key);
    if (running) return running;
    const request = fetchTldr(deps, paper, model).catch((err: unknown): PaperSummary => {
      deps.logger.error({ paperId: paper.id, err }, "TL;DR failed unexpectedly; serving the offline summary");
      return { kind: "offline", offline: offlineSummary(paper), unavailable: "provider-error" };
    });
    inflight.set(key, request);
    try {
      return await request;
    } finally {
      inflight.delete(key);
    }
  }

  return { summarize, ask: (paper, question) => askPaper(deps, paper, question) };
}

import type { Paper } from "../papers/paper.js";
import { truncateAtWord } from "../papers/extractive-summary.js";
import type { SummaryDeps } from "./llm-deps.js";

/** Source name of cached full texts. */
export const FULL_TEXT_SOURCE = "arxiv-html";

/** How long a "no full text" answer is trusted before asking again (arXiv converts late), ms. */
const ABSENT_TTL_MS = 24 * 60 * 60 * 1000;

/** The text a model is grounded in (and that quotes are checked against). */
export interface PaperText {
  /** Abstract, then the full text cut to the input budget; "" when the paper has neither. */
  text: string;
  /** The abstract alone. */
  abstract: string;
  /** The full text as sent (already cut), or "" when none could be fetched. */
  fullText: string;
  /** What the text was built from. */
  grounding: "abstract" | "abstract+full-text";
}

/** The cached full text of `paper`, fetching (and caching) it when missing or stale; "" when there is none. */
async function fullTextOf(deps: SummaryDeps, paper: Paper): Promise<string> {
  const llm = deps;
  if (!llm.fullText) return "";
  const now = deps.clock.now();
  const cached = await llm.cache.get(paper.id, "full-text", FULL_TEXT_SOURCE);
  const sameVersion = cached !== null && (paper.version === null || cached.paperVersion === paper.version);
  if (cached && sameVersion && (cached.text !== "" || now.getTime() - Date.parse(cached.createdAt) < ABSENT_TTL_MS)) return cached.text;
  try {
    const result = await llm.fullText.fetch(paper.id);
    const text = result.kind === "found" ? result.text.slice(0, llm.maxInputChars) : "";
    await llm.cache.put({ paperId: paper.id, kind: "full-text", model: FULL_TEXT_SOURCE, text, writtenBy: FULL_TEXT_SOURCE, paperVersion: paper.version, createdAt: now.toISOString() });
    return text;
  } catch (err) {
    deps.logger.info({ paperId: paper.id, reason: (err as Error).message }, "full text unavailable; using the abstract");
    return cached?.text ?? "";
  }
}

/** The paper's text for a model: the abstract plus the arXiv HTML full text when it can be fetched, within `maxInputChars`. */
export async function loadPaperText(deps: SummaryDeps, paper: Paper): Promise<PaperText> {
  const budget = deps.maxInputChars;
  const abstract = truncateAtWord(paper.abstract.trim(), budget);
  const full = await fullTextOf(deps, paper);
  const room = budget - abstract.length - 2;
  const fullText = full && room > 200 ? truncateAtWord(full, room) : "";
  const text = [abstract, fullText].filter((part) => part.length > 0).join("\n\n");
  return { text, abstract, fullText, grounding: fullText ? "abstract+full-text" : "abstract" };
}

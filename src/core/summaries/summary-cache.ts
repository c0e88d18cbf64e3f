/** What is cached: a model's TL;DR, or a paper's extracted full text. */
export type CachedKind = "tldr" | "full-text";

/** One cached text for (paper, kind, model). */
export interface CachedText {
  /** Versionless arXiv id. */
  paperId: string;
  /** What the text is. */
  kind: CachedKind;
  /** Configured model name for `tldr`; the source name (`arxiv-html`) for `full-text`. */
  model: string;
  /** The cached text (JSON for `tldr`; plain text, "" for "no full text", for `full-text`). */
  text: string;
  /** Who wrote it: the model as the provider reported it, or the source name. */
  writtenBy: string;
  /** The paper's arXiv version when cached; a newer version makes the entry stale. */
  paperVersion: number | null;
  /** When cached, ISO 8601. */
  createdAt: string;
}

/**
 * Shared storage for model outputs and fetched full texts, plus the daily request budget.
 * Shared by every channel and workspace: one request serves them all.
 */
export interface SummaryCache {
  /** The cached entry for (paper, kind, model), or null. */
  get(paperId: string, kind: CachedKind, model: string): Promise<CachedText | null>;
  /** Stores (replaces) an entry. */
  put(entry: CachedText): Promise<void>;
  /** Takes one request from `day`'s budget (UTC YYYY-MM-DD); false, taking nothing, when `limit` is spent. Atomic. */
  consumeRequest(day: string, limit: number): Promise<boolean>;
  /** Requests taken on `day`. */
  requestsUsed(day: string): Promise<number>;
}

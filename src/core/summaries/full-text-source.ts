/** What the full-text source found for a paper. */
export type FullTextResult =
  /** The paper's body text (plain text, sections separated by blank lines). */
  | { kind: "found"; text: string }
  /** The source has no full text for this paper (e.g. arXiv made no HTML version). */
  | { kind: "absent" };

/** Fetches a paper's full text (arXiv HTML); implemented in src/llm. */
export interface FullTextSource {
  /** Full text of `paperId`. Throws on transient failures (network, 5xx), which are not cached. */
  fetch(paperId: string): Promise<FullTextResult>;
}

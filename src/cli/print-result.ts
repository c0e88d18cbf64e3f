import type { Paper } from "../core/papers/paper.js";

/** The JSON shape every listing subcommand prints per paper (`--json`). */
export interface PaperJson {
  /** Versionless arXiv id. */
  id: string;
  /** Title. */
  title: string;
  /** HF upvotes (0 when the paper is not on HF). */
  upvotes: number;
  /** Votes in the shell conversation. */
  localVotes: number;
  /** Authors. */
  authors: string[];
  /** Paper page URL. */
  url: string;
  /** HF ai_summary, or null. */
  aiSummary: string | null;
  /** Categories. */
  categories: string[];
  /** HF Daily Papers days. */
  dailyDates: string[];
}

/** A paper as a JSON object for scripts. */
export function paperJson(paper: Paper, extra: Record<string, unknown> = {}, localVotes = 0): PaperJson & Record<string, unknown> {
  return {
    id: paper.id,
    title: paper.title,
    upvotes: paper.hfUpvotes ?? 0,
    localVotes,
    authors: paper.authors,
    url: `https://arxiv.org/abs/${paper.id}`,
    aiSummary: paper.aiSummary,
    categories: paper.categories,
    dailyDates: paper.dailyDates,
    ...extra,
  };
}

/** Writes JSON to stdout with a trailing newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

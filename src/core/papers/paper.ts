/** Where a piece of paper metadata came from. */
export type PaperSourceKind = "hf" | "arxiv-api" | "arxiv-rss";

/** A stored paper: one record per versionless arXiv id, merged from every source that listed it. */
export interface Paper {
  /** Versionless arXiv id, always a string: `2410.17243` or `q-bio/0509018`. */
  id: string;
  /** Highest arXiv version seen (1 for v1); null when no source gave one (HF ids carry none). */
  version: number | null;
  /** Title with whitespace collapsed; TeX kept as text. */
  title: string;
  /** Abstract with whitespace collapsed; TeX kept as text; "" when unknown. */
  abstract: string;
  /** Author names in paper order. */
  authors: string[];
  /** arXiv v1 submission time, ISO 8601 UTC; null when unknown. */
  publishedAt: string | null;
  /** Submission time of the newest known version, ISO 8601 UTC; null when unknown. */
  updatedAt: string | null;
  /** Primary category first when known (e.g. `cs.CL`), then the others. */
  categories: string[];
  /** HF Daily Papers upvotes; null when the paper never appeared on HF. */
  hfUpvotes: number | null;
  /** HF discussion comment count; null when unknown. */
  hfComments: number | null;
  /** HF's one-sentence `ai_summary`; null when HF has not written one yet. */
  aiSummary: string | null;
  /** HF's `ai_keywords`, as given; [] when absent. */
  aiKeywords: string[];
  /** GitHub repository URL; null when none is known. */
  githubRepo: string | null;
  /** GitHub stars as last reported by HF; null when unknown. */
  githubStars: number | null;
  /** Project page URL; null when none. */
  projectPage: string | null;
  /** Thumbnail image URL (HF social thumbnail); null when none. */
  thumbnail: string | null;
  /** DOI, when arXiv gives one. */
  doi: string | null;
  /** Journal reference, when arXiv gives one. */
  journalRef: string | null;
  /** arXiv author comment ("12 pages, 5 figures", withdrawal notes); null when none. */
  comment: string | null;
  /** Days (YYYY-MM-DD, UTC) the paper was listed on HF Daily Papers, ascending. */
  dailyDates: string[];
  /** Days (YYYY-MM-DD) the paper was announced in an arXiv listing feed, ascending. */
  announcedDates: string[];
  /** When this store first saw the paper, ISO 8601. */
  firstSeenAt: string;
}

/**
 * What one source knows about one paper. Every field but `id`, `source` and `title` is
 * optional: an absent (undefined) field leaves the stored value alone when merging.
 */
export interface PaperInput {
  /** Versionless arXiv id (run ids through `normalizePaperId` first). */
  id: string;
  /** Which source produced this record. */
  source: PaperSourceKind;
  /** Title, whitespace already collapsed. */
  title: string;
  /** Version number from a versioned id (`v2` → 2). */
  version?: number;
  /** Abstract, whitespace collapsed. */
  abstract?: string;
  /** Author names in order. */
  authors?: string[];
  /** arXiv v1 submission time, ISO 8601. */
  publishedAt?: string;
  /** Newest version's submission time, ISO 8601. */
  updatedAt?: string;
  /** Categories, primary first. */
  categories?: string[];
  /** HF upvotes (mutable: the newest value wins). */
  hfUpvotes?: number;
  /** HF comment count (mutable). */
  hfComments?: number;
  /** HF `ai_summary`. */
  aiSummary?: string;
  /** HF `ai_keywords`. */
  aiKeywords?: string[];
  /** GitHub repository URL. */
  githubRepo?: string;
  /** GitHub stars (mutable). */
  githubStars?: number;
  /** Project page URL. */
  projectPage?: string;
  /** Thumbnail URL. */
  thumbnail?: string;
  /** DOI. */
  doi?: string;
  /** Journal reference. */
  journalRef?: string;
  /** arXiv comment. */
  comment?: string;
  /** HF Daily Papers day (YYYY-MM-DD) this record was listed on. */
  dailyDate?: string;
  /** arXiv listing-feed announcement day (YYYY-MM-DD). */
  announcedDate?: string;
  /** arXiv feed announce type (`new`, `cross`, `replace`, `replace-cross`). */
  announceType?: string;
}

/** A record a source could not turn into a PaperInput, reported by id when it has one. */
export interface BadRecord {
  /** The record's id when one could be read, else its position (`#3`). */
  ref: string;
  /** Why it was rejected, one line. */
  reason: string;
}

/** The result of parsing one source response. */
export interface ParsedBatch {
  /** Good records, in source order. */
  papers: PaperInput[];
  /** Records that were skipped, with reasons. */
  bad: BadRecord[];
}

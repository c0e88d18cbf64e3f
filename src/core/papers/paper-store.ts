import type { TopicQuery } from "../topics/topic-query.js";
import type { Paper, PaperInput } from "./paper.js";

/** What an upsert changed. */
export interface UpsertResult {
  /** Ids stored for the first time. */
  inserted: string[];
  /** Ids that existed and were merged into. */
  updated: string[];
}

/** One full-text search result. */
export interface SearchHit {
  /** The matching paper. */
  paper: Paper;
  /** Relevance, higher is better (negated BM25 with field weights). */
  score: number;
  /** A short excerpt around the match, plain text, with `…` where it was cut. */
  snippet: string;
}

/** Storage of papers. Async, so the in-process SQLite and a networked Postgres implement the same port. */
export interface PaperStore {
  /** Merges each input into its paper record (one record per versionless id), in one transaction. */
  upsert(inputs: PaperInput[]): Promise<UpsertResult>;
  /** The paper with this versionless id, or null. */
  get(id: string): Promise<Paper | null>;
  /** The papers with these ids that exist, in the order given. */
  getMany(ids: string[]): Promise<Paper[]>;
  /** Papers listed on HF Daily Papers on `day` (YYYY-MM-DD), most upvoted first. */
  listDaily(day: string): Promise<Paper[]>;
  /** Papers announced in an arXiv listing feed on `day`. */
  listAnnounced(day: string): Promise<Paper[]>;
  /** The latest HF Daily Papers day on or before `day` that has papers, or null. */
  latestDailyDay(onOrBefore: string): Promise<string | null>;
  /** Papers listed on HF or announced on arXiv on or after `day`, newest listing first. */
  listSince(day: string, limit?: number): Promise<Paper[]>;
  /** Ranked full-text search (title, keywords, abstract, authors). Never throws on odd input. */
  search(query: TopicQuery, options: { limit: number }): Promise<SearchHit[]>;
  /** Ids of papers (listed on or after `since`, when given) whose title, keywords or abstract contain any positive term of `query`: a cheap pre-filter for topic matching. */
  candidateIds(query: TopicQuery, since: string | null): Promise<string[]>;
  /** Number of stored papers. */
  count(): Promise<number>;
}

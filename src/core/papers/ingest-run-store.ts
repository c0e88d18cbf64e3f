import type { BadRecord } from "./paper.js";

/** Outcome of one ingest run. */
export type IngestStatus = "running" | "ok" | "partial" | "failed";

/** One row of the ingest ledger. */
export interface IngestRun {
  /** Ledger row id. */
  id: number;
  /** `hf`, `arxiv-rss`, `arxiv-api` or `file`. */
  source: string;
  /** The day fetched (YYYY-MM-DD), or null for a file or id lookup. */
  day: string | null;
  /** When the run started, ISO 8601. */
  startedAt: string;
  /** When it ended, ISO 8601; null while running (or if the process died). */
  finishedAt: string | null;
  /** Outcome. */
  status: IngestStatus;
  /** Papers stored for the first time. */
  papersNew: number;
  /** Papers merged into existing records. */
  papersUpdated: number;
  /** Records skipped, by id, with reasons. */
  bad: BadRecord[];
  /** Why the run failed, one line; null when it did not. */
  error: string | null;
}

/** The ingest-run ledger. */
export interface IngestRunStore {
  /** Records the start of a run and returns its id. */
  start(source: string, day: string | null): Promise<number>;
  /** Records the end of a run. */
  finish(id: number, result: { status: Exclude<IngestStatus, "running">; papersNew: number; papersUpdated: number; bad: BadRecord[]; error: string | null }): Promise<void>;
  /** The most recent runs, newest first, optionally for one source. */
  recent(limit: number, source?: string): Promise<IngestRun[]>;
}

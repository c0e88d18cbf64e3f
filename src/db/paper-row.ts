import { getTableColumns } from "drizzle-orm";
import type { Paper } from "../core/papers/paper.js";
import { papers } from "./schema.js";

/** A papers row as the raw SELECT in `PAPER_SELECT` returns it (camelCase keys, JSON still text). */
export type PaperRow = typeof papers.$inferSelect & {
  /** Comma-joined HF listing days, ascending; null when none. */
  dailyDates: string | null;
  /** Comma-joined arXiv announcement days, ascending; null when none. */
  announcedDates: string | null;
};

const COLUMN_LIST = Object.entries(getTableColumns(papers))
  .map(([key, column]) => `p."${column.name}" AS "${key}"`)
  .join(", ");

const listingDays = (source: string, alias: string): string =>
  `(SELECT group_concat(l.day, ',' ORDER BY l.day) FROM paper_listings l WHERE l.paper_id = p.id AND l.source = '${source}') AS "${alias}"`;

/**
 * The SELECT list for a paper read from `papers p`: every schema column aliased to its
 * drizzle key (so rows look like `$inferSelect`), plus the listing days. Derived from the
 * schema so a new column cannot be forgotten here.
 */
export const PAPER_SELECT = `${COLUMN_LIST}, ${listingDays("hf", "dailyDates")}, ${listingDays("arxiv", "announcedDates")}`;

/** Parses a JSON array of strings; anything else (bad JSON, non-strings) yields what can be salvaged, or []. */
export function parseStringArray(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter((item): item is string => typeof item === "string");
  } catch {
    return [];
  }
}

/** Serialises a string list for a JSON column, dropping non-strings and blanks. */
export function stringArrayJson(list: readonly unknown[] | undefined): string {
  if (!list) return "[]";
  const clean = list.filter((item): item is string => typeof item === "string" && item.trim() !== "").map((s) => s.trim());
  return JSON.stringify(clean);
}

function splitDays(text: string | null): string[] {
  return text ? text.split(",").filter((day) => day !== "") : [];
}

/** Maps a stored row to the domain Paper. */
export function rowToPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: parseStringArray(row.authors),
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    categories: parseStringArray(row.categories),
    hfUpvotes: row.hfUpvotes,
    hfComments: row.hfComments,
    aiSummary: row.aiSummary,
    aiKeywords: parseStringArray(row.aiKeywords),
    githubRepo: row.githubRepo,
    githubStars: row.githubStars,
    projectPage: row.projectPage,
    thumbnail: row.thumbnail,
    doi: row.doi,
    journalRef: row.journalRef,
    comment: row.comment,
    dailyDates: splitDays(row.dailyDates),
    announcedDates: splitDays(row.announcedDates),
    firstSeenAt: row.firstSeenAt,
  };
}

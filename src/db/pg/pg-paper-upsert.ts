import type pg from "pg";
import type { Clock } from "../../core/clock.js";
import { BotError } from "../../core/errors.js";
import type { PaperInput } from "../../core/papers/paper.js";
import type { UpsertResult } from "../../core/papers/paper-store.js";
import { stringArrayJson } from "../paper-row.js";
import { inTransaction } from "./in-transaction.js";

/*
 * The merge rule of ../paper-upsert.ts (read its comment), in Postgres: one multi-row
 * INSERT … ON CONFLICT (id) DO UPDATE per batch. Postgres refuses to update one row twice in
 * a statement, so a batch ends before an id it already holds; inputs still merge in order.
 * The search vector is a generated column, so there is no index to keep in sync here.
 * `xmax = 0` in RETURNING tells a row this statement inserted from one it updated.
 */

/** Columns in insert order; 22 parameters a row. */
const COLUMNS = `id, version, title, abstract, authors, published_at, updated_at, categories, hf_upvotes, hf_comments, ai_summary, ai_keywords,
  github_repo, github_stars, project_page, thumbnail, doi, journal_ref, comment, meta_source, first_seen_at, last_seen_at`;
const WIDTH = 22;
/** Rows per statement: 22 × 500 parameters stays far below Postgres' 65,535. */
const BATCH = 500;

const KEEP = "(p.meta_source = 'arxiv-api' AND (excluded.meta_source IS DISTINCT FROM 'arxiv-api' OR coalesce(excluded.version < p.version, false)))";

const CONFLICT = `
ON CONFLICT (id) DO UPDATE SET
  version = CASE WHEN excluded.version > coalesce(p.version, 0) THEN excluded.version ELSE p.version END,
  title = CASE WHEN excluded.title = '' OR (${KEEP} AND p.title <> '') THEN p.title ELSE excluded.title END,
  abstract = CASE WHEN excluded.abstract = '' OR (${KEEP} AND p.abstract <> '') THEN p.abstract ELSE excluded.abstract END,
  authors = CASE WHEN excluded.authors = '[]' OR (${KEEP} AND p.authors <> '[]') THEN p.authors ELSE excluded.authors END,
  categories = CASE WHEN excluded.categories = '[]' OR (${KEEP} AND p.categories <> '[]') THEN p.categories ELSE excluded.categories END,
  published_at = CASE WHEN excluded.published_at IS NULL OR (${KEEP} AND p.published_at IS NOT NULL) THEN p.published_at ELSE excluded.published_at END,
  updated_at = CASE WHEN excluded.updated_at > coalesce(p.updated_at, '') THEN excluded.updated_at ELSE p.updated_at END,
  hf_upvotes = coalesce(excluded.hf_upvotes, p.hf_upvotes),
  hf_comments = coalesce(excluded.hf_comments, p.hf_comments),
  github_stars = coalesce(excluded.github_stars, p.github_stars),
  ai_summary = coalesce(excluded.ai_summary, p.ai_summary),
  ai_keywords = CASE WHEN excluded.ai_keywords = '[]' THEN p.ai_keywords ELSE excluded.ai_keywords END,
  github_repo = coalesce(excluded.github_repo, p.github_repo),
  project_page = coalesce(excluded.project_page, p.project_page),
  thumbnail = coalesce(excluded.thumbnail, p.thumbnail),
  doi = coalesce(excluded.doi, p.doi),
  journal_ref = coalesce(excluded.journal_ref, p.journal_ref),
  comment = coalesce(excluded.comment, p.comment),
  meta_source = CASE WHEN ${KEEP} THEN p.meta_source ELSE excluded.meta_source END,
  last_seen_at = excluded.last_seen_at
RETURNING id, (xmax = 0) AS inserted`;

/** Column types, so NULLs in a multi-row VALUES list are typed. */
const TYPES = ["text", "int", "text", "text", "text", "text", "text", "text", "int", "int", "text", "text", "text", "int", "text", "text", "text", "text", "text", "text", "text", "text"];

function upsertSql(rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) values.push(`(${TYPES.map((t, c) => `$${r * WIDTH + c + 1}::${t}`).join(", ")})`);
  return `INSERT INTO papers AS p (${COLUMNS}) VALUES ${values.join(", ")} ${CONFLICT}`;
}

const LISTING_SQL = `
INSERT INTO paper_listings AS l (paper_id, source, day, announce_type)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
ON CONFLICT (paper_id, source, day) DO UPDATE SET announce_type = coalesce(excluded.announce_type, l.announce_type)`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(value: string | undefined): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function count(value: number | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : null;
}

function toParams(input: PaperInput, id: string, now: string): (string | number | null)[] {
  return [
    id, count(input.version), typeof input.title === "string" ? input.title.replace(/\s+/g, " ").trim() : "",
    typeof input.abstract === "string" ? input.abstract.trim() : "", stringArrayJson(input.authors), text(input.publishedAt), text(input.updatedAt),
    stringArrayJson(input.categories), count(input.hfUpvotes), count(input.hfComments), text(input.aiSummary), stringArrayJson(input.aiKeywords),
    text(input.githubRepo), count(input.githubStars), text(input.projectPage), text(input.thumbnail), text(input.doi), text(input.journalRef),
    text(input.comment), input.source, now, now,
  ];
}

/** Builds the batch upsert over `pool`: all inputs merge in one transaction. */
export function createPgPaperUpsert(pool: pg.Pool, clock?: Clock): (inputs: PaperInput[]) => Promise<UpsertResult> {
  return async (inputs) => {
    if (inputs.length === 0) return { inserted: [], updated: [] };
    const now = (clock ? clock.now() : new Date()).toISOString();
    const ids = inputs.map((input) => (typeof input.id === "string" ? input.id.trim() : ""));
    const blank = ids.indexOf("");
    if (blank >= 0) throw new BotError("INVALID_ARGS", "A paper without an id cannot be stored.", { input: inputs[blank] });
    // One listing per (paper, source, day), its announce type the last one given (as repeated upserts would leave it).
    const listings = new Map<string, [string, string, string, string | null]>();
    for (const [k, input] of inputs.entries()) {
      const id = ids[k] ?? "";
      if (input.dailyDate && DAY.test(input.dailyDate)) listings.set(`${id}\u0000hf\u0000${input.dailyDate}`, [id, "hf", input.dailyDate, listings.get(`${id}\u0000hf\u0000${input.dailyDate}`)?.[3] ?? null]);
      if (input.announcedDate && DAY.test(input.announcedDate)) {
        const key = `${id}\u0000arxiv\u0000${input.announcedDate}`;
        listings.set(key, [id, "arxiv", input.announcedDate, text(input.announceType) ?? listings.get(key)?.[3] ?? null]);
      }
    }
    const inserted: string[] = [];
    const updated: string[] = [];
    const seen = new Set<string>();
    await inTransaction(pool, async (client) => {
      let start = 0;
      while (start < inputs.length) {
        const inBatch = new Set<string>();
        let end = start;
        while (end < inputs.length && end - start < BATCH && !inBatch.has(ids[end] ?? "")) inBatch.add(ids[end++] ?? "");
        const params = inputs.slice(start, end).flatMap((input, k) => toParams(input, ids[start + k] ?? "", now));
        const rows = (await client.query<{ id: string; inserted: boolean }>(upsertSql(end - start), params)).rows;
        const fresh = new Map(rows.map((r) => [r.id, r.inserted]));
        for (let k = start; k < end; k++) {
          const id = ids[k] ?? "";
          if (seen.has(id)) continue;
          seen.add(id);
          (fresh.get(id) ? inserted : updated).push(id);
        }
        start = end;
      }
      const all = [...listings.values()];
      for (let i = 0; i < all.length; i += 5000) {
        const part = all.slice(i, i + 5000);
        await client.query(LISTING_SQL, [part.map((l) => l[0]), part.map((l) => l[1]), part.map((l) => l[2]), part.map((l) => l[3])]);
      }
    });
    return { inserted, updated };
  };
}

import { z } from "zod";
import { isDay } from "../core/clock.js";
import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { BadRecord, PaperInput, ParsedBatch } from "../core/papers/paper.js";
import { parsePaperId } from "../core/papers/paper-id.js";
import { cleanOptional, collapseWhitespace } from "./collapse-whitespace.js";
import type { HttpClient } from "./http-client.js";

/** Page size asked of `/api/daily_papers`; a shorter page is the last one. */
export const HF_PAGE_SIZE = 100;

/** Safety stop for paging (100 pages × 100 items is far beyond any real day). */
const MAX_PAGES = 100;

/** An optional field: accepts omitted or null, and drops a value of the wrong type instead of rejecting the item. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().catch(undefined);

const authorSchema = z.looseObject({
  name: opt(z.string()),
  hidden: opt(z.boolean()),
});

const paperSchema = z.looseObject({
  id: opt(z.string()),
  title: opt(z.string()),
  summary: opt(z.string()),
  authors: opt(z.array(z.unknown())),
  publishedAt: opt(z.string()),
  submittedOnDailyAt: opt(z.string()),
  upvotes: opt(z.number()),
  numComments: opt(z.number()),
  ai_summary: opt(z.string()),
  ai_keywords: opt(z.array(z.unknown())),
  githubRepo: opt(z.string()),
  githubStars: opt(z.number()),
  projectPage: opt(z.string()),
});

/** One element of the `/api/daily_papers` array (lenient: unknown keys kept, optional fields optional). */
const itemSchema = z.looseObject({
  paper: paperSchema,
  title: opt(z.string()),
  summary: opt(z.string()),
  thumbnail: opt(z.string()),
  numComments: opt(z.number()),
});

/** `owner/repo` or a full URL → a full GitHub URL. */
function githubUrl(value: string | null | undefined): string | undefined {
  const repo = cleanOptional(value);
  if (!repo) return undefined;
  if (/^[\w.-]+\/[\w.-]+$/.test(repo)) return `https://github.com/${repo}`;
  return repo;
}

/** A project page without a scheme (`example.github.io/x`) gets `https://`. */
function pageUrl(value: string | null | undefined): string | undefined {
  const page = cleanOptional(value);
  if (!page) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(page) ? page : `https://${page.replace(/^\/+/, "")}`;
}

/** YYYY-MM-DD prefix of an ISO timestamp when it is a real day. */
function dayOf(iso: string | null | undefined): string | undefined {
  const day = iso?.slice(0, 10);
  return day && isDay(day) ? day : undefined;
}

/** Turns one array element into a PaperInput or a BadRecord. */
function toPaper(raw: unknown, ref: string, queriedDay: string | null): PaperInput | BadRecord {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return { ref, reason: "not a daily-paper object (no `paper` field)" };
  const item = parsed.data;
  const p = item.paper;
  const rawId = p.id?.trim();
  if (!rawId) return { ref, reason: "paper has no id" };
  const idParts = parsePaperId(rawId);
  if (!idParts) return { ref: rawId.slice(0, 60), reason: "paper id is not an arXiv id" };
  const title = cleanOptional(p.title) ?? cleanOptional(item.title);
  if (!title) return { ref: idParts.id, reason: "paper has no title" };

  const authors = (p.authors ?? [])
    .map((a) => authorSchema.safeParse(a))
    .filter((a) => a.success && a.data.hidden !== true)
    .map((a) => cleanOptional(a.data?.name))
    .filter((name): name is string => name !== undefined);
  const keywords = (p.ai_keywords ?? []).filter((k): k is string => typeof k === "string").map(collapseWhitespace).filter(Boolean);

  const paper: PaperInput = { id: idParts.id, source: "hf", title };
  if (idParts.version !== null) paper.version = idParts.version;
  const abstract = cleanOptional(p.summary) ?? cleanOptional(item.summary);
  if (abstract) paper.abstract = abstract;
  if (p.authors) paper.authors = authors;
  if (p.publishedAt) paper.publishedAt = p.publishedAt;
  if (typeof p.upvotes === "number") paper.hfUpvotes = p.upvotes;
  const comments = item.numComments ?? p.numComments;
  if (typeof comments === "number") paper.hfComments = comments;
  const aiSummary = cleanOptional(p.ai_summary);
  if (aiSummary) paper.aiSummary = aiSummary;
  if (keywords.length > 0) paper.aiKeywords = keywords;
  const githubRepo = githubUrl(p.githubRepo);
  if (githubRepo) paper.githubRepo = githubRepo;
  if (typeof p.githubStars === "number") paper.githubStars = p.githubStars;
  const projectPage = pageUrl(p.projectPage);
  if (projectPage) paper.projectPage = projectPage;
  const thumbnail = cleanOptional(item.thumbnail);
  if (thumbnail) paper.thumbnail = thumbnail;
  const dailyDate = queriedDay ?? dayOf(p.submittedOnDailyAt);
  if (dailyDate) paper.dailyDate = dailyDate;
  return paper;
}

/** Reads a JSON body, with a one-line BAD_RESPONSE naming what came back instead. */
function readJsonArray(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const looksHtml = /^\s*</.test(text);
    throw new BotError(
      "BAD_RESPONSE",
      looksHtml
        ? "Hugging Face sent an HTML page instead of the Daily Papers list; it may be down, try again later."
        : "Hugging Face sent a Daily Papers list that is not valid JSON (it may be truncated); try again later.",
      { reason: (err as Error).message, start: text.slice(0, 200) },
    );
  }
  if (!Array.isArray(data)) {
    const error = data && typeof data === "object" && "error" in data ? String((data as { error: unknown }).error) : null;
    throw new BotError(
      "BAD_RESPONSE",
      error ? `Hugging Face answered with an error instead of papers: ${collapseWhitespace(error).slice(0, 200)}` : "Hugging Face sent something other than a list of papers; try again later.",
      { start: text.slice(0, 200) },
    );
  }
  return data;
}

/**
 * Parses a `/api/daily_papers` body. `queriedDay` (the `date=` asked for) becomes every
 * paper's dailyDate; when null (a saved file, no date) each item's
 * `paper.submittedOnDailyAt` day is used. Bad items are reported by id (or `#position`,
 * counted from `positionOffset`) and the rest are kept. Throws BotError("BAD_RESPONSE")
 * when the body is not a JSON array.
 */
export function parseHfDailyPapers(text: string, queriedDay: string | null, positionOffset = 0): ParsedBatch {
  return parseItems(readJsonArray(text), queriedDay, positionOffset);
}

/** Maps already-decoded array items to a batch. */
function parseItems(items: unknown[], queriedDay: string | null, positionOffset: number): ParsedBatch {
  const batch: ParsedBatch = { papers: [], bad: [] };
  items.forEach((raw, index) => {
    const result = toPaper(raw, `#${positionOffset + index}`, queriedDay);
    if ("source" in result) batch.papers.push(result);
    else batch.bad.push(result);
  });
  return batch;
}

/** Hugging Face Daily Papers, one UTC day at a time. */
export interface HfDailyPapersSource {
  /** Ledger name of this source. */
  name: "hf";
  /** All papers listed on `day` (YYYY-MM-DD, UTC), paging until a short page. Throws BotError on upstream failure. */
  fetchDay(day: string): Promise<ParsedBatch>;
}

/** Creates the HF Daily Papers source over the shared HTTP client. */
export function createHfDailyPapersSource(deps: { http: HttpClient; baseUrl: string; logger: Logger }): HfDailyPapersSource {
  const base = deps.baseUrl.replace(/\/+$/, "");
  const log = deps.logger.child({ source: "hf" });

  async function fetchDay(day: string): Promise<ParsedBatch> {
    if (!isDay(day)) throw new BotError("INVALID_ARGS", `"${day}" is not a date; use YYYY-MM-DD.`);
    const byId = new Map<string, PaperInput>();
    const bad: BadRecord[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = `${base}/api/daily_papers?date=${day}&limit=${HF_PAGE_SIZE}&p=${page}`;
      const res = await deps.http.getText(url);
      const raw = readJsonArray(res.text);
      const items = raw.length;
      const batch = parseItems(raw, day, page * HF_PAGE_SIZE);
      for (const paper of batch.papers) byId.set(paper.id, paper);
      bad.push(...batch.bad);
      log.debug({ day, page, items }, "fetched daily papers page");
      if (items < HF_PAGE_SIZE) break;
    }
    return { papers: [...byId.values()], bad };
  }

  return { name: "hf", fetchDay };
}

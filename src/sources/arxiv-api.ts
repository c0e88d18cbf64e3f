import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { BadRecord, PaperInput, ParsedBatch } from "../core/papers/paper.js";
import { parsePaperId } from "../core/papers/paper-id.js";
import type { PaperLookup } from "../core/papers/paper-source.js";
import { cleanOptional, collapseWhitespace } from "./collapse-whitespace.js";
import type { HttpClient, RequestGate } from "./http-client.js";
import { attrOf, listOf, objectOf, parseXml, textOf } from "./parse-xml.js";

/** Ids per `id_list` request: keeps URLs short and responses small. */
export const ARXIV_ID_BATCH = 100;

/** The `<id>` of arXiv's documented error entry starts with this (http or https). */
const ERROR_ID = /^https?:\/\/arxiv\.org\/api\/errors/i;

/** The id source for an entry: `<id>`, else the alternate link, else the PDF link (found by type, not title). */
function entryIdText(entry: Record<string, unknown>): string {
  const id = collapseWhitespace(textOf(entry.id));
  if (id) return id;
  const links = listOf(entry.link);
  const alternate = links.find((l) => attrOf(l, "rel") === "alternate");
  const pdf = links.find((l) => attrOf(l, "type") === "application/pdf");
  return attrOf(alternate, "href") || attrOf(pdf, "href");
}

/** Maps one Atom `<entry>` to a PaperInput, or a BadRecord. */
function toPaper(entry: Record<string, unknown>, ref: string): PaperInput | BadRecord {
  const idText = entryIdText(entry);
  const parts = parsePaperId(idText);
  if (!parts) return { ref: idText ? idText.slice(0, 80) : ref, reason: "entry id is not an arXiv id" };
  const title = cleanOptional(textOf(entry.title));
  if (!title) return { ref: parts.id, reason: "entry has no title" };

  const paper: PaperInput = { id: parts.id, source: "arxiv-api", title };
  if (parts.version !== null) paper.version = parts.version;
  const abstract = cleanOptional(textOf(entry.summary));
  if (abstract) paper.abstract = abstract;
  const authors = listOf(entry.author)
    .map((a) => cleanOptional(textOf(objectOf(a).name)))
    .filter((name): name is string => name !== undefined);
  if (authors.length > 0) paper.authors = authors;
  const published = cleanOptional(textOf(entry.published));
  if (published) paper.publishedAt = published;
  const updated = cleanOptional(textOf(entry.updated));
  if (updated) paper.updatedAt = updated;

  const primary = cleanOptional(attrOf(entry.primary_category, "term"));
  const terms = listOf(entry.category).map((c) => attrOf(c, "term").trim()).filter(Boolean);
  const categories = [...new Set(primary ? [primary, ...terms] : terms)];
  if (categories.length > 0) paper.categories = categories;

  const doi = cleanOptional(textOf(entry.doi));
  if (doi) paper.doi = doi;
  const journalRef = cleanOptional(textOf(entry.journal_ref));
  if (journalRef) paper.journalRef = journalRef;
  const comment = cleanOptional(textOf(entry.comment));
  if (comment) paper.comment = comment;
  return paper;
}

/**
 * Parses an arXiv export-API Atom response, in both the legacy (≤ Oct 2025: per-element
 * xmlns, hard-wrapped text, http links) and current formats; element order is ignored.
 * Whitespace in titles and abstracts is collapsed, TeX is kept as text, and entities are
 * decoded once. A feed with no entries is an empty batch. arXiv's error entry
 * (`<title>Error</title>`, id `…/api/errors#…`) throws BotError("BAD_RESPONSE") with its
 * message when it is all the feed holds, and is a bad record otherwise.
 */
export function parseArxivApi(text: string): ParsedBatch {
  const doc = parseXml(text, "arXiv");
  if (!("feed" in doc)) throw new BotError("BAD_RESPONSE", "arXiv sent something other than an Atom feed; try again later.", { start: text.slice(0, 200) });
  const entries = listOf(objectOf(doc.feed).entry).map(objectOf);
  const batch: ParsedBatch = { papers: [], bad: [] };
  const errors: string[] = [];
  entries.forEach((entry, index) => {
    if (ERROR_ID.test(textOf(entry.id).trim())) {
      const message = collapseWhitespace(textOf(entry.summary)) || "unknown error";
      errors.push(message);
      batch.bad.push({ ref: `#${index}`, reason: `arXiv error: ${message}` });
      return;
    }
    const result = toPaper(entry, `#${index}`);
    if ("source" in result) batch.papers.push(result);
    else batch.bad.push(result);
  });
  if (errors.length > 0 && batch.papers.length === 0) {
    throw new BotError("BAD_RESPONSE", `arXiv rejected the query: ${errors[0]!.slice(0, 200)}`, { errors });
  }
  return batch;
}

/** The arXiv export API: id lookups for the core plus batched fetches for backfills. */
export interface ArxivApiClient extends PaperLookup {
  /** Metadata for `ids` (any form parsePaperId accepts), in batches of ARXIV_ID_BATCH via `id_list`. Unparseable ids are bad records; ids arXiv does not know are simply absent. */
  fetchByIds(ids: string[]): Promise<ParsedBatch>;
  /** Papers in `categories` first submitted on UTC `day` (YYYY-MM-DD), paged ARXIV_PAGE_SIZE at a time up to ARXIV_MAX_PER_DAY: the backfill path. */
  fetchSubmittedOn(day: string, categories: string[]): Promise<ParsedBatch>;
}

/** Entries per export-API page when backfilling by date (arXiv allows up to 2,000). */
export const ARXIV_PAGE_SIZE = 500;
/** Most entries fetched for one day's backfill (a busy cs day has ~1,500 submissions). */
export const ARXIV_MAX_PER_DAY = 5000;

/**
 * Creates the arXiv API client. Every request goes through `limiter`, the one gate shared
 * with the RSS source (see createArxivLimiter), so the 3-second rule holds across both.
 */
export function createArxivApiClient(deps: { http: HttpClient; baseUrl: string; limiter: RequestGate; logger: Logger }): ArxivApiClient {
  const base = deps.baseUrl.replace(/\/+$/, "");
  const log = deps.logger.child({ source: "arxiv-api" });

  async function query(ids: string[]): Promise<ParsedBatch> {
    const url = `${base}/api/query?id_list=${ids.join(",")}&start=0&max_results=${ids.length}`;
    const res = await deps.http.getText(url, { gate: deps.limiter });
    return parseArxivApi(res.text);
  }

  async function fetchByIds(ids: string[]): Promise<ParsedBatch> {
    const bad: BadRecord[] = [];
    const wanted: string[] = [];
    for (const raw of ids) {
      const id = parsePaperId(raw)?.id;
      if (!id) bad.push({ ref: raw.slice(0, 60), reason: "not an arXiv id" });
      else if (!wanted.includes(id)) wanted.push(id);
    }
    const papers: PaperInput[] = [];
    for (let i = 0; i < wanted.length; i += ARXIV_ID_BATCH) {
      const chunk = wanted.slice(i, i + ARXIV_ID_BATCH);
      const batch = await query(chunk);
      papers.push(...batch.papers);
      bad.push(...batch.bad);
      log.debug({ asked: chunk.length, got: batch.papers.length }, "fetched arXiv ids");
    }
    return { papers, bad };
  }

  async function lookup(id: string): Promise<PaperInput | null> {
    const parts = parsePaperId(id);
    if (!parts) return null;
    const batch = await query([parts.id]);
    return batch.papers.find((p) => p.id === parts.id) ?? null;
  }

  async function fetchSubmittedOn(day: string, categories: string[]): Promise<ParsedBatch> {
    const stamp = day.replaceAll("-", "");
    const cats = categories.map((c) => `cat:${c}`).join(" OR ");
    const search = `${categories.length > 1 ? `(${cats})` : cats} AND submittedDate:[${stamp}0000 TO ${stamp}2359]`;
    const papers: PaperInput[] = [];
    const bad: BadRecord[] = [];
    for (let start = 0; start < ARXIV_MAX_PER_DAY; start += ARXIV_PAGE_SIZE) {
      const url = `${base}/api/query?search_query=${encodeURIComponent(search)}&sortBy=submittedDate&sortOrder=ascending&start=${start}&max_results=${ARXIV_PAGE_SIZE}`;
      const res = await deps.http.getText(url, { gate: deps.limiter });
      const page = parseArxivApi(res.text);
      papers.push(...page.papers);
      bad.push(...page.bad);
      log.debug({ day, start, got: page.papers.length }, "fetched an arXiv backfill page");
      if (page.papers.length + page.bad.length < ARXIV_PAGE_SIZE) break;
    }
    return { papers, bad };
  }

  return { lookup, fetchByIds, fetchSubmittedOn };
}

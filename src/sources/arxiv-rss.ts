import { isDay } from "../core/clock.js";
import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { PaperInput, ParsedBatch } from "../core/papers/paper.js";
import { parsePaperId } from "../core/papers/paper-id.js";
import { cleanOptional, collapseWhitespace } from "./collapse-whitespace.js";
import { detexName } from "./detex-name.js";
import type { HttpClient, RequestGate } from "./http-client.js";
import { listOf, objectOf, parseXml, textOf } from "./parse-xml.js";

/** A parsed listing feed: its papers plus the announcement day it is for. */
export type ArxivListing = ParsedBatch & {
  /** The channel's announcement day (YYYY-MM-DD, in the feed's own ET offset); null when the feed gives none. */
  listingDay: string | null;
};

/** `arXiv:<id>vN Announce Type: <type> \nAbstract: <text>`, tolerant of spacing and a missing version. */
const DESCRIPTION = /^\s*arXiv:(\S+?)(v\d+)?\s+Announce Type:\s*([A-Za-z-]+)\s*(?:Abstract:\s*)?(.*)$/s;

const MONTHS: Readonly<Record<string, string>> = {
  jan: "01", feb: "02", mar: "03", apr: "04", may: "05", jun: "06",
  jul: "07", aug: "08", sep: "09", oct: "10", nov: "11", dec: "12",
};

/**
 * The calendar day of an RFC 822 date as written, i.e. in its own offset:
 * "Thu, 24 Sep 2026 00:00:00 -0400" → 2026-09-24 (converting to UTC would give the 24th
 * too here, but 20:00 ET stamps would slip to the next day).
 */
export function rfc822Day(text: string): string | null {
  const match = /^\s*(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\s+(\d{4})/.exec(text);
  const month = match?.[2] ? MONTHS[match[2].toLowerCase()] : undefined;
  if (!match?.[1] || !match[3] || !month) return null;
  const day = `${match[3]}-${month}-${match[1].padStart(2, "0")}`;
  return isDay(day) ? day : null;
}

/**
 * Announce types that mean "announced in this listing today". `replace` and
 * `replace-cross` items are kept, because a new version refreshes the stored title,
 * abstract, version, DOI and journal ref, but they get no announcedDate: a revision of an
 * old paper must not show up among the day's new papers.
 */
const ANNOUNCING = new Set(["new", "cross"]);

/** Maps one RSS `<item>` to a PaperInput, or a BadRecord. */
function toPaper(item: Record<string, unknown>, ref: string, listingDay: string | null): PaperInput | { ref: string; reason: string } {
  const description = textOf(item.description);
  const match = DESCRIPTION.exec(description);
  const guid = textOf(item.guid).trim();
  const parts = parsePaperId(match ? `${match[1]}${match[2] ?? ""}` : "") ?? parsePaperId(guid) ?? parsePaperId(textOf(item.link).trim());
  if (!parts) return { ref: guid || ref, reason: "item has no arXiv id" };
  const title = cleanOptional(textOf(item.title));
  if (!title) return { ref: parts.id, reason: "item has no title" };

  const paper: PaperInput = { id: parts.id, source: "arxiv-rss", title };
  const version = parts.version ?? parsePaperId(guid)?.version ?? null;
  if (version !== null) paper.version = version;
  const abstract = cleanOptional(match ? match[4] : description);
  if (abstract) paper.abstract = abstract;
  const authors = textOf(item.creator)
    .split(",")
    .map((name) => collapseWhitespace(detexName(name)))
    .filter((name) => name.length > 0);
  if (authors.length > 0) paper.authors = authors;
  const categories = [...new Set(listOf(item.category).map((c) => textOf(c).trim()).filter(Boolean))];
  if (categories.length > 0) paper.categories = categories;
  const doi = cleanOptional(textOf(item.DOI) || textOf(item.doi));
  if (doi) paper.doi = doi;
  const journalRef = cleanOptional(detexName(textOf(item.journal_reference) || textOf(item.journal_ref)));
  if (journalRef) paper.journalRef = journalRef;

  const announceType = (cleanOptional(textOf(item.announce_type)) ?? match?.[3] ?? "").toLowerCase();
  if (announceType) paper.announceType = announceType;
  if (ANNOUNCING.has(announceType)) {
    const day = rfc822Day(textOf(item.pubDate)) ?? listingDay;
    if (day) paper.announcedDate = day;
  }
  return paper;
}

/**
 * Parses an rss.arxiv.org RSS 2.0 listing. An empty channel (weekends, holidays) is a
 * valid empty batch. Throws BotError("BAD_RESPONSE") for malformed XML or a document that
 * is not an RSS channel.
 */
export function parseArxivRss(text: string): ArxivListing {
  const doc = parseXml(text, "arXiv RSS");
  const rss = objectOf(doc.rss);
  if (!("rss" in doc) || !("channel" in rss)) {
    throw new BotError("BAD_RESPONSE", "arXiv RSS sent something other than an RSS channel; try again later.", { start: text.slice(0, 200) });
  }
  const channel = objectOf(rss.channel);
  const listingDay = rfc822Day(textOf(channel.pubDate));
  const batch: ArxivListing = { papers: [], bad: [], listingDay };
  listOf(channel.item).forEach((raw, index) => {
    const result = toPaper(objectOf(raw), `#${index}`, listingDay);
    if ("source" in result) batch.papers.push(result);
    else batch.bad.push(result);
  });
  return batch;
}

/** The arXiv listing feed for a set of categories. */
export interface ArxivRssSource {
  /** Ledger name of this source. */
  name: "arxiv-rss";
  /** Today's listing (the same bytes all day until midnight ET). Throws BotError on upstream failure. */
  fetchListing(): Promise<ArxivListing>;
}

/** Creates the RSS source; its request goes through `limiter`, shared with the arXiv API client. */
export function createArxivRssSource(deps: { http: HttpClient; baseUrl: string; categories: string[]; limiter: RequestGate; logger: Logger }): ArxivRssSource {
  const url = `${deps.baseUrl.replace(/\/+$/, "")}/rss/${deps.categories.join("+")}`;
  const log = deps.logger.child({ source: "arxiv-rss" });

  async function fetchListing(): Promise<ArxivListing> {
    const res = await deps.http.getText(url, { gate: deps.limiter });
    const listing = parseArxivRss(res.text);
    log.debug({ categories: deps.categories, items: listing.papers.length, listingDay: listing.listingDay }, "fetched arXiv listing");
    return listing;
  }

  return { name: "arxiv-rss", fetchListing };
}

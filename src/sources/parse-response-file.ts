import { isDay } from "../core/clock.js";
import { BotError } from "../core/errors.js";
import type { ParsedBatch } from "../core/papers/paper.js";
import { parseArxivApi } from "./arxiv-api.js";
import { parseArxivRss } from "./arxiv-rss.js";
import { parseHfDailyPapers } from "./hf-daily-papers.js";

/** Which upstream a saved response came from. */
export type ResponseFileKind = "hf" | "arxiv-api" | "arxiv-rss";

/** A saved upstream response, parsed. */
export interface ParsedResponseFile {
  /** Detected from the content, never from the file name. */
  kind: ResponseFileKind;
  /** The papers and rejected records. */
  batch: ParsedBatch;
  /** HF: the day taken from the file name, if any; RSS: the channel's announcement day; API: null. */
  listingDay: string | null;
}

/** The first real YYYY-MM-DD in a file name (`hf-daily-papers-2024-10-25.json`), else null. */
function dayFromName(fileName: string | undefined): string | null {
  const base = fileName?.split(/[\\/]/).pop() ?? "";
  for (const match of base.matchAll(/(\d{4}-\d{2}-\d{2})/g)) {
    if (match[1] && isDay(match[1])) return match[1];
  }
  return null;
}

/** The root element's local name (`feed`, `rss`, `html`) of an XML text, skipping the prolog and comments. */
function rootElement(text: string): string | null {
  const stripped = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, "").trimStart();
  const match = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(stripped);
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * Parses a saved upstream response for `papers ingest --file PATH`, detecting its kind
 * from the content: a JSON array is HF Daily Papers, an Atom `<feed>` is the arXiv API,
 * an RSS `<rss>` channel is an arXiv listing. For HF, a date in `fileName` becomes every
 * paper's daily date; without one, each item's `submittedOnDailyAt` day is used.
 * Throws BotError("BAD_RESPONSE") for anything else or for a malformed file of a known kind.
 */
export function parseResponseFile(text: string, fileName?: string): ParsedResponseFile {
  const body = text.replace(/^\uFEFF/, "");
  const head = body.trimStart();
  const label = fileName ?? "The file";
  if (head.startsWith("[")) {
    const day = dayFromName(fileName);
    return { kind: "hf", batch: parseHfDailyPapers(body, day), listingDay: day };
  }
  if (head.startsWith("<")) {
    const root = rootElement(head);
    if (root === "feed") return { kind: "arxiv-api", batch: parseArxivApi(body), listingDay: null };
    if (root === "rss") {
      const { listingDay, ...batch } = parseArxivRss(body);
      return { kind: "arxiv-rss", batch, listingDay };
    }
  }
  throw new BotError("BAD_RESPONSE", `${label} is not a Hugging Face Daily Papers, arXiv API or arXiv RSS response.`, {
    start: head.slice(0, 120),
  });
}

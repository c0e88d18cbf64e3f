/**
 * The one tokeniser shared by the topic parser and the matcher, so a query word and a
 * paper word are cut the same way. Words are runs of Unicode letters, numbers and combining
 * marks; everything else (punctuation, emoji, control and bidi characters) separates words.
 * Hyphenated compounds ("flow-matching", "tokenizer‑free") are split into their parts, which
 * is what makes `"flow matching"` and `flow-matching` equal.
 */

/** A hyphen-like character that joins the parts of a compound (ASCII hyphen, U+2010, U+2011). */
const HYPHENS = "-\u2010\u2011";

/** A word chunk: word characters, optionally joined by hyphens. */
const CHUNK = new RegExp(`[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*(?:[${HYPHENS}][\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*)*`, "gu");

/** Splits a chunk at its hyphens. */
const HYPHEN_SPLIT = new RegExp(`[${HYPHENS}]`, "u");

/** Lower-to-upper case boundary inside a word, e.g. GraphRAG → Graph|RAG. */
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;

/** Words that carry no topic on their own; they never have to be present in an AND clause. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "via", "by", "from",
  "at", "as", "is", "are", "be", "into", "using", "based",
]);

/**
 * Unicode-normalises (NFKC), drops invisible format characters (zero-width spaces and
 * joiners, soft hyphens, bidi controls) so they cannot split or disguise a word, and strips
 * possessive 's. Keeps case, which camel-case splitting needs.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .replace(/['\u2019]s(?![\p{L}\p{N}])/gu, "");
}

/** The hyphen-separated parts of each word chunk in `text`, lower-cased, in order. */
export function wordChunks(text: string): string[][] {
  const chunks: string[][] = [];
  for (const m of normalizeText(text).matchAll(CHUNK)) {
    chunks.push(m[0].toLowerCase().split(HYPHEN_SPLIT));
  }
  return chunks;
}

/** A field cut into words: `seq` keeps order for phrases; `extras` are extra single-word forms. */
export interface FieldWords {
  /** Words in reading order; compounds contribute each part. */
  seq: string[];
  /** Joined compounds (`pre-training` → `pretraining`) and camel-case parts (`GraphRAG` → `graph`, `rag`), each with the `seq` position of the word it came from. */
  extras: { word: string; at: number }[];
}

/** Cuts paper text into words for matching; see the module comment for the rules. */
export function fieldWords(text: string): FieldWords {
  const seq: string[] = [];
  const extras: { word: string; at: number }[] = [];
  for (const m of normalizeText(text).matchAll(CHUNK)) {
    const rawParts = m[0].split(HYPHEN_SPLIT);
    const start = seq.length;
    for (const part of rawParts) {
      const at = seq.length;
      seq.push(part.toLowerCase());
      const camel = part.split(CAMEL_BOUNDARY);
      if (camel.length > 1) for (const c of camel) extras.push({ word: c.toLowerCase(), at });
    }
    if (rawParts.length > 1) extras.push({ word: rawParts.join("").toLowerCase(), at: start });
  }
  return { seq, extras };
}

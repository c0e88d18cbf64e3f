import { BotError } from "../errors.js";
import { wordChunks } from "./text-tokens.js";
import type { QueryTerm, TopicQuery } from "./topic-query.js";

/** Longest topic accepted, in characters (code points) after trimming. */
export const MAX_TOPIC_CHARS = 500;
/** Most terms (included plus excluded) kept from one topic; later terms are dropped silently. */
export const MAX_TOPIC_TERMS = 32;
/** Most words kept in one phrase; the rest of a longer phrase is dropped. */
export const MAX_PHRASE_WORDS = 8;

/** Characters accepted as a double quote (ASCII and typographic). */
const QUOTES = new Set(['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"]);
/** Characters accepted as the exclusion prefix (ASCII hyphen-minus and the minus sign). */
const MINUS = new Set(["-", "\u2212"]);

/** Bidi override/isolate/mark characters, removed from `raw` so a stored topic cannot reorder the text around it. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** One whitespace- or quote-delimited piece of the input. */
interface Lexeme {
  text: string;
  quoted: boolean;
  negated: boolean;
}

/**
 * Parses a topic such as `diffusion OR "flow matching" -video` into a TopicQuery.
 * Syntax: words, "quoted phrases", upper-case `OR` between alternatives, `-word` and
 * `-"phrase"` exclusions. Anything else is treated as plain words: punctuation, operators
 * (`AND (`, `*`, `:`, `^`, NEAR), emoji and control characters separate words, an unclosed
 * quote is ignored, and every word is reduced to Unicode letters, numbers and marks, so the
 * result can never break the FTS5 compiler. Hyphenated words become phrases
 * (`flow-matching` ≡ `"flow matching"`). Everything is lower-cased; at most
 * MAX_TOPIC_TERMS terms are kept. Throws BotError INVALID_QUERY when the topic is longer
 * than MAX_TOPIC_CHARS, has no searchable word, or has only exclusions.
 */
export function parseTopicQuery(text: string): TopicQuery {
  const raw = text.replace(BIDI_CONTROLS, "").replace(/[\p{Cc}\s]+/gu, " ").trim();
  if ([...raw].length > MAX_TOPIC_CHARS) {
    throw new BotError("INVALID_QUERY", `Topics are limited to ${MAX_TOPIC_CHARS} characters; shorten it`);
  }
  const anyOf: QueryTerm[][] = [];
  const exclude: QueryTerm[] = [];
  const seenExcluded = new Set<string>();
  let clause: QueryTerm[] = [];
  let clauseKeys = new Set<string>();
  let termCount = 0;
  const closeClause = (): void => {
    if (clause.length > 0) anyOf.push(clause);
    clause = [];
    clauseKeys = new Set();
  };
  for (const lexeme of lex(raw)) {
    if (!lexeme.quoted && !lexeme.negated && lexeme.text === "OR") {
      closeClause();
      continue;
    }
    for (const term of lexemeTerms(lexeme)) {
      const key = termKey(term);
      if (lexeme.negated ? seenExcluded.has(key) : clauseKeys.has(key)) continue;
      if (termCount >= MAX_TOPIC_TERMS) break;
      termCount += 1;
      if (lexeme.negated) {
        seenExcluded.add(key);
        exclude.push(term);
      } else {
        clauseKeys.add(key);
        clause.push(term);
      }
    }
  }
  closeClause();
  if (anyOf.length === 0 && exclude.length > 0) {
    throw new BotError(
      "INVALID_QUERY",
      "A topic needs at least one word to include, not only -exclusions, e.g. diffusion -video",
    );
  }
  if (anyOf.length === 0) {
    throw new BotError("INVALID_QUERY", "Type at least one word to search for, e.g. tokenization");
  }
  return { raw, anyOf: dedupeClauses(anyOf), exclude };
}

/** A stable key for a term, used to drop duplicates. */
export function termKey(term: QueryTerm): string {
  return term.kind === "word" ? term.text : `"${term.words.join(" ")}"`;
}

/** Splits the input into lexemes: `-` prefixes, quoted runs, and whitespace-separated runs. */
function lex(raw: string): Lexeme[] {
  const chars = [...raw];
  const out: Lexeme[] = [];
  let i = 0;
  while (i < chars.length) {
    if (/\s/u.test(chars[i] ?? "")) {
      i += 1;
      continue;
    }
    let negated = false;
    while (MINUS.has(chars[i] ?? "")) {
      negated = true;
      i += 1;
    }
    if (i >= chars.length || /\s/u.test(chars[i] ?? "")) continue;
    if (QUOTES.has(chars[i] ?? "")) {
      const close = findQuote(chars, i + 1);
      if (close >= 0) {
        out.push({ text: chars.slice(i + 1, close).join(""), quoted: true, negated });
        i = close + 1;
        continue;
      }
      i += 1;
      if (i >= chars.length || /\s/u.test(chars[i] ?? "")) continue;
    }
    const start = i;
    while (i < chars.length && !/\s/u.test(chars[i] ?? "") && !QUOTES.has(chars[i] ?? "")) i += 1;
    out.push({ text: chars.slice(start, i).join(""), quoted: false, negated });
  }
  return out;
}

/** Index of the next quote character at or after `from`, or -1. */
function findQuote(chars: string[], from: number): number {
  for (let j = from; j < chars.length; j += 1) if (QUOTES.has(chars[j] ?? "")) return j;
  return -1;
}

/** The terms one lexeme contributes: a phrase for a quoted run or a hyphenated word, else words. */
function lexemeTerms(lexeme: Lexeme): QueryTerm[] {
  const chunks = wordChunks(lexeme.text);
  if (lexeme.quoted) {
    const words = chunks.flat().slice(0, MAX_PHRASE_WORDS);
    return words.length === 0 ? [] : [toTerm(words)];
  }
  return chunks.map((parts) => toTerm(parts.slice(0, MAX_PHRASE_WORDS)));
}

/** One word → a word term; several → a phrase term. */
function toTerm(words: string[]): QueryTerm {
  return words.length === 1 ? { kind: "word", text: words[0] ?? "" } : { kind: "phrase", words };
}

/** Drops clauses that repeat an earlier clause's terms (in any order). */
function dedupeClauses(clauses: QueryTerm[][]): QueryTerm[][] {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = c.map(termKey).sort().join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

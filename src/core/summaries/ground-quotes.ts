/** A model's answer to a question, as parsed (quotes not yet checked). */
export interface ModelAnswer {
  /** False when the model says the paper's text does not contain the answer. */
  found: boolean;
  /** The answer, plain text. */
  answer: string;
  /** Sentences the model says it relied on, as it wrote them. */
  quotes: string[];
}

/** Shortest quote accepted, characters: shorter ones ground nothing. */
const MIN_QUOTE_CHARS = 20;
/** Longest answer shown, characters. */
const MAX_ANSWER_CHARS = 1200;

/** Reads the model's JSON answer (code fences and chatter around the object tolerated); null when it is not the asked shape. */
export function parseModelAnswer(text: string): ModelAnswer | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  const v = value as { found?: unknown; answer?: unknown; quotes?: unknown };
  if (typeof v.found !== "boolean" || typeof v.answer !== "string") return null;
  const quotes = Array.isArray(v.quotes) ? v.quotes.filter((q): q is string => typeof q === "string") : [];
  const answer = v.answer.replace(/\s+/g, " ").trim().slice(0, MAX_ANSWER_CHARS);
  return { found: v.found, answer, quotes };
}

/**
 * Text in the form quotes are compared in: NFKC, curly quotes and dashes made plain,
 * whitespace collapsed. Case and words are kept: a quote must be verbatim.
 */
export function normalizeForQuote(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** A quote without its wrapping quotation marks and a leading or trailing ellipsis. */
function unwrap(quote: string): string {
  return normalizeForQuote(quote)
    .replace(/^(?:\.\.\.|…)\s*/, "")
    .replace(/\s*(?:\.\.\.|…)$/, "")
    .replace(/^["'«]+|["'»]+$/g, "")
    .trim();
}

/**
 * The quotes that appear verbatim (after whitespace normalisation) in `paperText`, in
 * order, without duplicates; fabricated, altered, elided (`...` inside) or trivially short
 * quotes are dropped. Never returns text the paper does not contain.
 */
export function groundQuotes(quotes: string[], paperText: string): string[] {
  const haystack = normalizeForQuote(paperText);
  const kept: string[] = [];
  for (const raw of quotes) {
    const quote = unwrap(raw);
    if (quote.length < MIN_QUOTE_CHARS || /\.\.\.|…/.test(quote)) continue;
    if (!haystack.includes(quote) || kept.includes(quote)) continue;
    kept.push(quote);
  }
  return kept.slice(0, 3);
}

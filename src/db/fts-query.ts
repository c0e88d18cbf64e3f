import type { QueryTerm, TopicQuery } from "../core/topics/topic-query.js";
import { wordFamily } from "../core/topics/word-family.js";

/*
 * Compiles a TopicQuery into an FTS5 MATCH string that cannot be a syntax error:
 * every string reaches FTS5 inside double quotes (with `"` doubled), so `*`, `:`, `^`,
 * parentheses, `NEAR`, `AND`/`OR`/`NOT` are only ever text, and the only operators and
 * parentheses in the output are the ones written here. The unicode61 tokenizer then
 * splits the quoted text the same way it split the papers, so `flow-matching` in quotes
 * is the phrase "flow matching".
 *
 * A term with nothing the tokenizer indexes (an emoji, pure punctuation) can never be
 * present in a paper: a clause containing one cannot match and is dropped, and an
 * exclusion of one is a no-op. A query left with no clause compiles to null (no hits).
 */

/** Forms of one word tried per term; bounds the expression size for pathological input. */
const MAX_FORMS = 16;
/** Characters the unicode61 tokenizer keeps as part of a token (letters, digits, private use). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

function clean(text: string): string {
  return text.replace(/[\p{Cc}\p{Cs}]/gu, " ");
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function forms(word: string): string[] {
  let family: string[];
  try {
    family = wordFamily(word);
  } catch {
    family = [];
  }
  const all = new Set<string>();
  for (const form of [word.toLowerCase(), ...family]) {
    if (typeof form !== "string") continue;
    const cleaned = clean(form).trim();
    if (TOKEN_CHAR.test(cleaned)) all.add(cleaned);
  }
  return [...all].slice(0, MAX_FORMS);
}

/** One term as an FTS5 expression, or null when it contains nothing indexable. */
export function compileTerm(term: QueryTerm): string | null {
  if (term.kind === "word") {
    const quoted = forms(String(term.text ?? "")).map(quote);
    if (quoted.length === 0) return null;
    return quoted.length === 1 ? (quoted[0] ?? null) : `(${quoted.join(" OR ")})`;
  }
  const words = Array.isArray(term.words) ? term.words : [];
  const phrase = clean(words.map(String).join(" ")).replace(/\p{Pd}/gu, " ").replace(/\s+/g, " ").trim();
  return TOKEN_CHAR.test(phrase) ? quote(phrase) : null;
}

function group(exprs: string[], op: "AND" | "OR"): string {
  return exprs.length === 1 ? (exprs[0] ?? "") : `(${exprs.join(` ${op} `)})`;
}

/** The full query (clauses, AND within, OR between, NOT exclusions), or null when nothing can match. */
export function compileMatch(query: TopicQuery): string | null {
  const clauses: string[] = [];
  for (const clause of query.anyOf ?? []) {
    if (!Array.isArray(clause) || clause.length === 0) continue;
    const terms = clause.map(compileTerm);
    if (terms.some((t) => t === null)) continue;
    clauses.push(group(terms as string[], "AND"));
  }
  if (clauses.length === 0) return null;
  const positive = group(clauses, "OR");
  const excluded = (query.exclude ?? []).map(compileTerm).filter((t): t is string => t !== null);
  return excluded.length === 0 ? positive : `${positive} NOT ${group(excluded, "OR")}`;
}

/** Any positive term of the query, ORed: a superset of what `compileMatch` matches; null when none. */
export function compileAnyTerm(query: TopicQuery): string | null {
  const terms = new Set<string>();
  for (const clause of query.anyOf ?? []) {
    for (const term of Array.isArray(clause) ? clause : []) {
      const expr = compileTerm(term);
      if (expr !== null) terms.add(expr);
    }
  }
  return terms.size === 0 ? null : group([...terms], "OR");
}

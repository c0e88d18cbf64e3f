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

/**
 * One query term, dialect-neutral: a word as its family's forms (any may match), or a
 * phrase as cleaned text. Every store builds its own search expression from these, never
 * from the user's raw text.
 */
export type TermPlan = { kind: "forms"; forms: string[] } | { kind: "phrase"; text: string };

/** What a term matches, or null when it contains nothing indexable. */
export function termPlan(term: QueryTerm): TermPlan | null {
  if (term.kind === "word") {
    const all = forms(String(term.text ?? ""));
    return all.length === 0 ? null : { kind: "forms", forms: all };
  }
  const words = Array.isArray(term.words) ? term.words : [];
  const phrase = clean(words.map(String).join(" ")).replace(/\p{Pd}/gu, " ").replace(/\s+/g, " ").trim();
  return TOKEN_CHAR.test(phrase) ? { kind: "phrase", text: phrase } : null;
}

/** A whole query, dialect-neutral: clauses (terms ANDed) ORed together, minus any exclusion. */
export interface QueryPlan {
  /** Each clause's terms; a paper matches a clause when it has every term. */
  clauses: TermPlan[][];
  /** Terms no hit may contain. */
  exclude: TermPlan[];
}

/** The plan for `query`, dropping clauses that cannot match; null when none is left. */
export function queryPlan(query: TopicQuery): QueryPlan | null {
  const clauses: TermPlan[][] = [];
  for (const clause of query.anyOf ?? []) {
    if (!Array.isArray(clause) || clause.length === 0) continue;
    const terms = clause.map(termPlan);
    if (terms.some((t) => t === null)) continue;
    clauses.push(terms as TermPlan[]);
  }
  if (clauses.length === 0) return null;
  return { clauses, exclude: (query.exclude ?? []).map(termPlan).filter((t): t is TermPlan => t !== null) };
}

/** Every positive term of the query once (by its content), or [] when none is indexable. */
export function anyTermPlan(query: TopicQuery): TermPlan[] {
  const seen = new Map<string, TermPlan>();
  for (const clause of query.anyOf ?? []) {
    for (const term of Array.isArray(clause) ? clause : []) {
      const plan = termPlan(term);
      if (plan) seen.set(JSON.stringify(plan), plan);
    }
  }
  return [...seen.values()];
}

function fts5Term(plan: TermPlan): string {
  if (plan.kind === "phrase") return quote(plan.text);
  const quoted = plan.forms.map(quote);
  return quoted.length === 1 ? (quoted[0] ?? "") : `(${quoted.join(" OR ")})`;
}

/** One term as an FTS5 expression, or null when it contains nothing indexable. */
export function compileTerm(term: QueryTerm): string | null {
  const plan = termPlan(term);
  return plan === null ? null : fts5Term(plan);
}

function group(exprs: string[], op: "AND" | "OR"): string {
  return exprs.length === 1 ? (exprs[0] ?? "") : `(${exprs.join(` ${op} `)})`;
}

/** The full query (clauses, AND within, OR between, NOT exclusions), or null when nothing can match. */
export function compileMatch(query: TopicQuery): string | null {
  const plan = queryPlan(query);
  if (plan === null) return null;
  const positive = group(plan.clauses.map((clause) => group(clause.map(fts5Term), "AND")), "OR");
  const excluded = plan.exclude.map(fts5Term);
  return excluded.length === 0 ? positive : `${positive} NOT ${group(excluded, "OR")}`;
}

/** Any positive term of the query, ORed: a superset of what `compileMatch` matches; null when none. */
export function compileAnyTerm(query: TopicQuery): string | null {
  const terms = new Set(anyTermPlan(query).map(fts5Term));
  return terms.size === 0 ? null : group([...terms], "OR");
}

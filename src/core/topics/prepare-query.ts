import { termKey } from "./parse-topic-query.js";
import { STOPWORDS } from "./text-tokens.js";
import { conceptFor } from "./topic-expansions.js";
import type { QueryTerm, TopicQuery } from "./topic-query.js";
import { wordFamily } from "./word-family.js";

/** One concrete way a term can occur in a paper: a word or an adjacent phrase, with a weight. */
export interface CompiledAlt {
  /** How the alternative reads in explanations (`bpe`, `byte pair encoding`). */
  label: string;
  /** One set of accepted surface forms per word position (length 1 for a single word). */
  slots: readonly ReadonlySet<string>[];
  /** Forms that can start an occurrence: the first slot's forms, then `joined` (an array: iterating it is the hot loop). */
  starts: readonly string[];
  /** Single words that also count as one occurrence of a phrase (`pretraining` for `pre training`). */
  joined: readonly string[];
  /** Evidence per occurrence; 1 for the query term itself, less for weaker expansions. */
  weight: number;
  /** Forms of which at least one must occur somewhere in the paper for this alternative to count; empty = no condition. */
  requires: readonly string[];
  /** True for a curated expansion rather than the user's own term. */
  expanded: boolean;
}

/** A query term compiled to its alternatives. */
export interface CompiledTerm {
  /** The term as shown in explanations: `tokenization`, `"flow matching"`. */
  label: string;
  /** Identity for memoising: terms with the same key score every paper the same (label plus whether expansions apply). */
  key: string;
  /** The term itself first, then its curated expansions. */
  alts: readonly CompiledAlt[];
  /** Other-sense phrases (`diffusion MRI`); an occurrence overlapping one of them does not count. */
  ignore: readonly CompiledAlt[];
}

/** An AND clause of the query. */
export interface CompiledClause {
  /** Terms that must each be present (stopwords are left out unless the clause has nothing else). */
  required: readonly CompiledTerm[];
  /** For unquoted multi-word clauses, the words read as one phrase (with its expansions); else null. */
  implicit: CompiledTerm | null;
}

/** A topic compiled once and matched against many prepared papers. */
export interface CompiledQuery {
  /** The parsed topic. */
  query: TopicQuery;
  /** Canonical form of the topic: two topics with the same key match the same papers. */
  key: string;
  /** OR of clauses. */
  clauses: readonly CompiledClause[];
  /** Terms (without expansions) whose presence rules a paper out. */
  exclude: readonly CompiledTerm[];
}

/** Longest implicit phrase built from an unquoted clause, in words. */
const MAX_IMPLICIT_WORDS = 6;

/**
 * Compiles a parsed topic: word families, phrases, curated expansions. Pure and cacheable per
 * topic. `terms` (optional) shares compiled terms between topics of one batch, by CompiledTerm.key.
 */
export function prepareQuery(query: TopicQuery, terms?: Map<string, CompiledTerm>): CompiledQuery {
  const compileTerm = terms ? cachedTerm(terms) : compileFreshTerm;
  const clauses = query.anyOf.map((terms): CompiledClause => {
    const content = terms.filter((t) => t.kind === "phrase" || !STOPWORDS.has(t.text));
    const required = (content.length > 0 ? content : terms).map((t) => compileTerm(termWords(t), t.kind === "phrase", true));
    const words = terms.flatMap(termWords);
    const implicit =
      terms.length > 1 && words.length <= MAX_IMPLICIT_WORDS ? compileTerm(words, false, true) : null;
    return { required, implicit };
  });
  const exclude = query.exclude.map((t) => compileTerm(termWords(t), t.kind === "phrase", false));
  const key = JSON.stringify([query.anyOf.map((c) => c.map(termKey).sort()).sort(), query.exclude.map(termKey).sort()]);
  return { query, key, clauses, exclude };
}

function termWords(term: QueryTerm): string[] {
  return term.kind === "word" ? [term.text] : term.words;
}

function cachedTerm(cache: Map<string, CompiledTerm>): typeof compileFreshTerm {
  return (words, quoted, expand) => {
    const text = words.join(" ");
    const key = `${expand ? "+" : "-"}${quoted ? `"${text}"` : text}`;
    let term = cache.get(key);
    if (!term) cache.set(key, (term = compileFreshTerm(words, quoted, expand)));
    return term;
  };
}

function compileFreshTerm(words: readonly string[], quoted: boolean, expand: boolean): CompiledTerm {
  const text = words.join(" ");
  const label = quoted ? `"${text}"` : text;
  const alts: CompiledAlt[] = [compileAlt(words, 1, [], false)];
  const rules = expand ? conceptFor(words) : { expansions: [], ignore: [] };
  for (const x of rules.expansions) alts.push(compileAlt(x.words, x.weight, x.requires ?? [], true));
  const ignore = rules.ignore.map((phrase) => compileAlt(phrase.split(" "), 0, [], true));
  return { label, key: `${expand ? "+" : "-"}${label}`, alts, ignore };
}

function compileAlt(words: readonly string[], weight: number, requires: readonly string[], expanded: boolean): CompiledAlt {
  const slots = words.map((w) => new Set(wordFamily(w)));
  const concat = words.join("");
  const joined = words.length > 1 && words.length <= 3 && concat.length >= 6 ? wordFamily(concat) : [];
  const starts = [...(slots[0] ?? []), ...joined];
  return { label: words.join(" "), slots, starts, joined, weight, requires: requires.flatMap((r) => wordFamily(r)), expanded };
}

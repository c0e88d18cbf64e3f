import { termKey } from "./parse-topic-query.js";
import { STOPWORDS } from "./text-tokens.js";
import type { ConceptRules } from "./topic-expansions.js";
import { conceptFor } from "./topic-expansions.js";
import type { QueryTerm, TopicQuery } from "./topic-query.js";
import { phraseKey, researchVocabulary } from "./vocabulary-rules.js";
import { wordFamily } from "./word-family.js";

/** Where an alternative of a term comes from: the user's words, the curated expansions, the research vocabulary, or associations learned from the store. */
export type AltSource = "query" | "curated" | "vocabulary" | "learned";

/** A term learned for a topic from the store (see learn-associations.ts), with the evidence shown in "why". */
export interface LearnedTerm {
  /** The term's words, lower-case (`byte pair encoding`). */
  words: readonly string[];
  /** Its pointwise mutual information with the topic, in bits. */
  pmi: number;
}

/** What compiling a topic may add to its words. */
export interface CompileOptions {
  /** Apply the research vocabulary (research-vocabulary.ts); default true. */
  vocabulary?: boolean;
  /** Terms learned for this topic (the channel's dropped terms already removed); default none. */
  learned?: readonly LearnedTerm[];
}

/** Evidence per occurrence of a learned term: less than a word of the topic, so it takes a title or keyword hit (or several mentions) to match. */
export const LEARNED_WEIGHT = 0.6;

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
  /** True for an expansion (curated, vocabulary or learned) rather than the user's own term. */
  expanded: boolean;
  /** Where the alternative comes from, for explanations. */
  source: AltSource;
  /** For a learned term, its PMI with the topic in bits; else 0. */
  pmi: number;
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
  /**
   * Terms that must each be present (stopwords are left out unless the clause has nothing else).
   * Empty when the clause's words name a concept of the research vocabulary (`long context`,
   * `code generation`): such a compound is not the sum of its words, so only the phrase and its
   * family count, not `long` and `context` anywhere in the paper.
   */
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
export function prepareQuery(query: TopicQuery, terms?: Map<string, CompiledTerm>, options: CompileOptions = {}): CompiledQuery {
  const vocabulary = options.vocabulary ?? true;
  const compileTerm = terms ? cachedTerm(terms, vocabulary) : (words: readonly string[], quoted: boolean, expand: boolean) => compileFreshTerm(words, quoted, expand, vocabulary);
  const clauses = query.anyOf.map((terms): CompiledClause => {
    const content = terms.filter((t) => t.kind === "phrase" || !STOPWORDS.has(t.text));
    const required = (content.length > 0 ? content : terms).map((t) => compileTerm(termWords(t), t.kind === "phrase", true));
    const words = terms.flatMap(termWords);
    const implicit =
      terms.length > 1 && words.length <= MAX_IMPLICIT_WORDS ? compileTerm(words, false, true) : null;
    if (implicit && vocabulary && terms.every((t) => t.kind === "word") && researchVocabulary.rulesFor(words).expansions.length > 0) {
      return { required: [], implicit };
    }
    return { required, implicit };
  });
  const exclude = query.exclude.map((t) => compileTerm(termWords(t), t.kind === "phrase", false));
  const learned = learnedClause(options.learned ?? [], query);
  if (learned) clauses.push(learned);
  const learnedKey = learned ? (options.learned ?? []).map((t) => t.words.join(" ")).sort() : [];
  const key = JSON.stringify([query.anyOf.map((c) => c.map(termKey).sort()).sort(), query.exclude.map(termKey).sort(), vocabulary ? 1 : 0, learnedKey]);
  return { query, key, clauses, exclude };
}

/**
 * Learned terms as one extra OR clause, labelled `learned`; terms that are words of the topic
 * itself are left out. A learned term counts only in a paper that also mentions one of the
 * topic's own words somewhere: it widens the topic's reach, it does not stand in for it.
 */
function learnedClause(learned: readonly LearnedTerm[], query: TopicQuery): CompiledClause | null {
  if (learned.length === 0) return null;
  const own = new Set(query.anyOf.flatMap((c) => c.flatMap(termWords)).map((w) => phraseKey([w])));
  const context = [...new Set(query.anyOf.flatMap((c) => c.flatMap(termWords)).filter((w) => !STOPWORDS.has(w)))];
  const alts = learned
    .filter((t) => t.words.length > 0 && !t.words.every((w) => own.has(phraseKey([w]))))
    .map((t) => ({ ...compileAlt(t.words, LEARNED_WEIGHT, context, "learned"), pmi: t.pmi }));
  if (alts.length === 0) return null;
  const label = "learned";
  return { required: [{ label, key: `~${alts.map((a) => a.label).sort().join("|")}`, alts, ignore: [] }], implicit: null };
}

function termWords(term: QueryTerm): string[] {
  return term.kind === "word" ? [term.text] : term.words;
}

function cachedTerm(cache: Map<string, CompiledTerm>, vocabulary: boolean): (words: readonly string[], quoted: boolean, expand: boolean) => CompiledTerm {
  return (words, quoted, expand) => {
    const text = words.join(" ");
    const key = `${expand ? (vocabulary ? "+" : "*") : "-"}${quoted ? `"${text}"` : text}`;
    let term = cache.get(key);
    if (!term) cache.set(key, (term = compileFreshTerm(words, quoted, expand, vocabulary)));
    return term;
  };
}

/** Curated expansions first, then the vocabulary's, each alternative once (by its word-family key). */
function rulesFor(words: readonly string[], vocabulary: boolean): ConceptRules {
  const curated = conceptFor(words);
  if (!vocabulary) return curated;
  const vocab = researchVocabulary.rulesFor(words);
  if (vocab.expansions.length === 0 && vocab.ignore.length === 0) return curated;
  const seen = new Set([phraseKey(words), ...curated.expansions.map((x) => phraseKey(x.words))]);
  const extra = vocab.expansions.filter((x) => !seen.has(phraseKey(x.words)));
  return { expansions: [...curated.expansions, ...extra], ignore: [...new Set([...curated.ignore, ...vocab.ignore])] };
}

function compileFreshTerm(words: readonly string[], quoted: boolean, expand: boolean, vocabulary: boolean): CompiledTerm {
  const text = words.join(" ");
  const label = quoted ? `"${text}"` : text;
  const alts: CompiledAlt[] = [compileAlt(words, 1, [], "query")];
  const rules = expand ? rulesFor(words, vocabulary) : { expansions: [], ignore: [] };
  for (const x of rules.expansions) alts.push(compileAlt(x.words, x.weight, x.requires ?? [], x.source ?? "curated"));
  const ignore = rules.ignore.map((phrase) => compileAlt(phrase.split(" "), 0, [], "curated"));
  return { label, key: `${expand ? (vocabulary ? "+" : "*") : "-"}${label}`, alts, ignore };
}

function compileAlt(words: readonly string[], weight: number, requires: readonly string[], source: AltSource): CompiledAlt {
  const slots = words.map((w) => new Set(wordFamily(w)));
  const concat = words.join("");
  const joined = words.length > 1 && words.length <= 3 && concat.length >= 6 ? wordFamily(concat) : [];
  const starts = [...(slots[0] ?? []), ...joined];
  return { label: words.join(" "), slots, starts, joined, weight, requires: requires.flatMap((r) => wordFamily(r)), expanded: source !== "query", source, pmi: 0 };
}

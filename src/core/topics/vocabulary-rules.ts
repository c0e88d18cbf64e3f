import type { VocabularyFamily } from "./research-vocabulary.js";
import { RESEARCH_VOCABULARY } from "./research-vocabulary.js";
import { wordChunks } from "./text-tokens.js";
import type { ConceptRules, Expansion } from "./topic-expansions.js";
import { wordFamily } from "./word-family.js";

/** Weight of a family's `terms` (equivalent names): as good as the topic's own words. */
export const VOCABULARY_TERM_WEIGHT = 1;
/** Weight of a family's `near` terms: a title or keyword hit matches, one passing abstract mention does not. */
export const VOCABULARY_NEAR_WEIGHT = 0.6;

/** A family member as words, and its key (each word reduced to its word family's representative). */
function entry(text: string): { words: string[]; key: string } {
  const words = wordChunks(text).flat();
  return { words, key: phraseKey(words) };
}

/** The key two spellings of one term share: each word by the alphabetically first member of its word family. */
export function phraseKey(words: readonly string[]): string {
  return words.map((w) => [...wordFamily(w)].sort()[0] ?? w).join(" ");
}

/** Trigger key → the families it triggers. */
function buildIndex(families: readonly VocabularyFamily[]): Map<string, VocabularyFamily[]> {
  const index = new Map<string, VocabularyFamily[]>();
  for (const family of families) {
    for (const term of [...family.terms, ...(family.guarded ?? [])]) {
      const { key } = entry(term);
      const list = index.get(key) ?? [];
      if (!list.includes(family)) list.push(family);
      index.set(key, list);
    }
  }
  return index;
}

/** The rules of the research vocabulary for `families` (default RESEARCH_VOCABULARY), looked up by query words. */
export interface VocabularyRules {
  /** What the vocabulary adds to a query word or phrase (given as its words); empty when no family names it. */
  rulesFor(words: readonly string[]): ConceptRules;
}

/** Compiles vocabulary families into lookup rules; pure, built once. */
export function createVocabularyRules(families: readonly VocabularyFamily[] = RESEARCH_VOCABULARY): VocabularyRules {
  const index = buildIndex(families);
  const memo = new Map<string, ConceptRules>();
  const byText = new Map<string, ConceptRules>();
  const NONE: ConceptRules = { expansions: [], ignore: [] };
  return {
    rulesFor(words) {
      const text = words.join(" ");
      const seenText = byText.get(text);
      if (seenText) return seenText;
      if (byText.size > 100_000) byText.clear();
      const key = phraseKey(words);
      const known = memo.get(key) ?? (index.has(key) ? undefined : NONE);
      if (known) {
        byText.set(text, known);
        return known;
      }
      const expansions: Expansion[] = [];
      const ignore: string[] = [];
      const seen = new Set<string>([key]);
      for (const family of index.get(key) ?? []) {
        const context = (family.context ?? []).flatMap((c) => wordChunks(c).flat());
        const add = (text: string, weight: number, requires: readonly string[]) => {
          const e = entry(text);
          if (e.words.length === 0 || seen.has(e.key)) return;
          seen.add(e.key);
          expansions.push(requires.length > 0 ? { words: e.words, weight, requires, source: "vocabulary" } : { words: e.words, weight, source: "vocabulary" });
        };
        for (const term of family.terms) add(term, VOCABULARY_TERM_WEIGHT, []);
        for (const term of family.guarded ?? []) add(term, VOCABULARY_TERM_WEIGHT, context);
        for (const term of family.near ?? []) add(term, VOCABULARY_NEAR_WEIGHT, context);
        for (const phrase of family.not ?? []) ignore.push(wordChunks(phrase).flat().join(" "));
      }
      const rules: ConceptRules = { expansions, ignore };
      memo.set(key, rules);
      byText.set(text, rules);
      return rules;
    },
  };
}

/** The research vocabulary's rules, compiled once. */
export const researchVocabulary: VocabularyRules = createVocabularyRules();

import type { Paper } from "../papers/paper.js";
import { fieldWords } from "./text-tokens.js";

/** The paper fields topic matching reads. */
export type MatchablePaper = Pick<Paper, "id" | "title" | "abstract" | "aiKeywords">;

/** The fields evidence can come from, strongest first. */
export const MATCH_FIELDS = ["title", "keywords", "abstract"] as const;

/** One of MATCH_FIELDS. */
export type MatchField = (typeof MATCH_FIELDS)[number];

/** Placed between two HF keywords so a phrase cannot span them. */
const KEYWORD_GAP = "\u0000";

/** One field cut into words, ready for set lookups. */
export interface PreparedField {
  /** Words in order (for phrase checks); KEYWORD_GAP separates keywords. */
  seq: readonly string[];
  /** Positions of each word in `seq`; a joined compound or camel-case part gets the position of the word it came from. */
  positions: ReadonlyMap<string, readonly number[]>;
}

/** A paper tokenised once for matching against many topics. */
export interface PreparedPaper {
  /** The paper's id. */
  id: string;
  /** Title, keywords and abstract, in MATCH_FIELDS order. */
  fields: readonly [PreparedField, PreparedField, PreparedField];
  /** Occurrences of each word (sequence words plus joined compounds and camel-case parts) per field, in MATCH_FIELDS order. */
  counts: ReadonlyMap<string, readonly [number, number, number]>;
}

/** Tokenises a paper's title, HF ai_keywords and abstract once (see text-tokens.ts for the rules). */
export function preparePaper(paper: MatchablePaper): PreparedPaper {
  const counts = new Map<string, [number, number, number]>();
  const keywordText = paper.aiKeywords.map((k) => fieldWords(k));
  const title = fieldWords(paper.title);
  const abstract = fieldWords(paper.abstract);
  const keywords = {
    seq: keywordText.flatMap((k) => [...k.seq, KEYWORD_GAP]),
    extras: [] as { word: string; at: number }[],
  };
  let offset = 0;
  for (const k of keywordText) {
    for (const x of k.extras) keywords.extras.push({ word: x.word, at: x.at + offset });
    offset += k.seq.length + 1;
  }
  const fields = [title, keywords, abstract].map((words, f) => {
    const positions = new Map<string, number[]>();
    const add = (w: string, i: number): void => {
      const list = positions.get(w);
      if (list) list.push(i);
      else positions.set(w, [i]);
      bump(counts, w, f);
    };
    words.seq.forEach((w, i) => {
      if (w !== KEYWORD_GAP) add(w, i);
    });
    for (const x of words.extras) add(x.word, x.at);
    return { seq: words.seq, positions };
  });
  return { id: paper.id, fields: fields as unknown as PreparedPaper["fields"], counts };
}

function bump(counts: Map<string, [number, number, number]>, word: string, field: number): void {
  let c = counts.get(word);
  if (!c) {
    c = [0, 0, 0];
    counts.set(word, c);
  }
  c[field] = (c[field] ?? 0) + 1;
}

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PaperInput } from "../src/core/papers/paper.js";
import { parseResponseFile } from "../src/sources/parse-response-file.js";

/** test/fixtures: the real HF and arXiv responses the model is learned from. */
export const FIXTURES_DIR = join(import.meta.dirname, "../test/fixtures");

/** A first-order word chain: word ids, successors with multiplicity (so a uniform pick is frequency-weighted). */
export interface WordChain {
  /** Surface forms, by id. */
  words: readonly string[];
  /** Every token of the training text, by id (the unigram distribution). */
  unigram: Int32Array;
  /** Ids that started a text. */
  starts: Int32Array;
  /** Successor ids per word id, with repeats. */
  next: readonly Int32Array[];
}

/** Vocabulary and length distributions learned from the fixtures. */
export interface WordModel {
  /** Title word chain. */
  title: WordChain;
  /** Abstract word chain. */
  abstract: WordChain;
  /** Title lengths of the real responses, in words (sampled as a histogram). */
  titleLengths: readonly number[];
  /** Abstract lengths of the real responses, in words. */
  abstractLengths: readonly number[];
  /** Author first names (all but the last name part), with repeats. */
  firstNames: readonly string[];
  /** Author last names, with repeats. */
  lastNames: readonly string[];
  /** Authors per paper, as seen. */
  authorCounts: readonly number[];
  /** Categories, with repeats (primary first in each paper). */
  categories: readonly string[];
  /** Categories per paper. */
  categoryCounts: readonly number[];
  /** HF ai_keywords, with repeats. */
  keywords: readonly string[];
  /** ai_keywords per paper that has them. */
  keywordCounts: readonly number[];
  /** Lower-case content words of titles with repeats: topic and search vocabulary. */
  topicWords: readonly string[];
  /** Adjacent content-word pairs of titles and keywords: phrase vocabulary. */
  topicPhrases: readonly string[];
  /** How many distinct papers the model was learned from. */
  sourcePapers: number;
}

interface Sample {
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  aiKeywords: string[];
  /** True for a real upstream response (lengths are learned from these); false for the labelled set. */
  response: boolean;
}

/** Reads every fixture response plus the labelled topic set, one record per distinct paper. */
export function loadFixturePapers(dir = FIXTURES_DIR): Sample[] {
  const byId = new Map<string, Sample>();
  const add = (p: Partial<PaperInput> & { id: string; title: string }, response: boolean) => {
    const prev = byId.get(p.id);
    byId.set(p.id, {
      title: p.title || prev?.title || "",
      abstract: p.abstract || prev?.abstract || "",
      authors: p.authors?.length ? p.authors : (prev?.authors ?? []),
      categories: p.categories?.length ? p.categories : (prev?.categories ?? []),
      aiKeywords: p.aiKeywords?.length ? p.aiKeywords : (prev?.aiKeywords ?? []),
      response: response || (prev?.response ?? false),
    });
  };
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(json|xml)$/.test(name)) continue;
    for (const p of parseResponseFile(readFileSync(join(dir, name), "utf8"), name).batch.papers) add(p, true);
  }
  const labels = JSON.parse(readFileSync(join(dir, "topic-labels/topic-labels.json"), "utf8")) as { papers: { id: string; title: string; abstract: string; aiKeywords: string[] }[] };
  for (const p of labels.papers) add(p, false);
  return [...byId.values()];
}

const STOP = new Set("a an the of for and or in on to with via by from at as is are be into using based we our this that its it their can which than these".split(" "));

/** Lower-case letters/digits only, for topic vocabulary. */
function bare(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

function buildChain(texts: readonly string[]): WordChain {
  const ids = new Map<string, number>();
  const words: string[] = [];
  const id = (w: string): number => {
    let k = ids.get(w);
    if (k === undefined) ids.set(w, (k = words.push(w) - 1));
    return k;
  };
  const unigram: number[] = [];
  const starts: number[] = [];
  const next: number[][] = [];
  for (const text of texts) {
    const toks = text.split(/\s+/).filter(Boolean).map(id);
    toks.forEach((t, i) => {
      unigram.push(t);
      if (i === 0) starts.push(t);
      const n = toks[i + 1];
      if (n !== undefined) (next[t] ??= []).push(n);
    });
  }
  return {
    words,
    unigram: Int32Array.from(unigram),
    starts: Int32Array.from(starts),
    next: words.map((_, k) => Int32Array.from(next[k] ?? [])),
  };
}

/** Learns the model: word chains, length histograms, name parts, categories and keywords. */
export function buildWordModel(samples: readonly Sample[] = loadFixturePapers()): WordModel {
  const withAbstract = samples.filter((s) => s.abstract !== "");
  const real = samples.filter((s) => s.response);
  const realAbstracts = real.filter((s) => s.abstract !== "");
  const withAuthors = samples.filter((s) => s.authors.length > 0);
  const withCats = samples.filter((s) => s.categories.length > 0);
  const withKeywords = samples.filter((s) => s.aiKeywords.length > 0);
  const names = withAuthors.flatMap((s) => s.authors.map((a) => a.trim().split(/\s+/)));
  const topicWords: string[] = [];
  const topicPhrases: string[] = [];
  for (const s of samples) {
    const ws = s.title.split(/[\s:,;()\-\u2010\u2011/]+/).map(bare);
    ws.forEach((w, i) => {
      if (w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w)) {
        topicWords.push(w);
        const n = ws[i + 1];
        if (n && n.length > 2 && !STOP.has(n)) topicPhrases.push(`${w} ${n}`);
      }
    });
    for (const k of s.aiKeywords) {
      const kw = k.split(/[\s\-]+/).map(bare).filter(Boolean);
      if (kw.length === 2 && kw.every((w) => w.length > 2 && !STOP.has(w))) topicPhrases.push(kw.join(" "));
    }
  }
  return {
    title: buildChain(samples.map((s) => s.title)),
    abstract: buildChain(withAbstract.map((s) => s.abstract)),
    titleLengths: real.map((s) => s.title.split(/\s+/).length),
    abstractLengths: realAbstracts.map((s) => s.abstract.split(/\s+/).length),
    firstNames: names.filter((n) => n.length > 1).map((n) => n.slice(0, -1).join(" ")),
    lastNames: names.map((n) => n[n.length - 1] ?? "Smith"),
    authorCounts: withAuthors.map((s) => s.authors.length),
    categories: withCats.flatMap((s) => s.categories),
    categoryCounts: withCats.map((s) => s.categories.length),
    keywords: withKeywords.flatMap((s) => s.aiKeywords),
    keywordCounts: withKeywords.map((s) => s.aiKeywords.length),
    topicWords,
    topicPhrases,
    sourcePapers: samples.length,
  };
}

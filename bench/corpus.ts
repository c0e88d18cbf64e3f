import type { PaperInput } from "../src/core/papers/paper.js";
import type { WordChain, WordModel } from "./word-model.js";

/** A seeded PRNG returning floats in [0, 1) (mulberry32). */
export type Rng = () => number;

/** mulberry32: tiny, fast and deterministic. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A per-item seed, so item i is the same whatever else is generated. */
export function itemSeed(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function pick<T>(rng: Rng, list: ArrayLike<T>): T {
  return list[Math.floor(rng() * list.length)] as T;
}

/** Chance of leaving the chain for a frequency-weighted word: mixes sentences like real text does. */
const JUMP = 0.15;
/** Chance of a minted rare token (model names, acronyms): gives the long vocabulary tail of real abstracts. */
const RARE = 0.02;

function rareToken(rng: Rng, chain: WordChain): string {
  const a = (chain.words[pick(rng, chain.unigram)] ?? "x").replace(/[^\p{L}]/gu, "").slice(0, 4);
  const b = (chain.words[pick(rng, chain.unigram)] ?? "y").replace(/[^\p{L}]/gu, "").slice(0, 4);
  return `${a.charAt(0).toUpperCase()}${a.slice(1)}${b.toUpperCase()}`;
}

/** Walks the chain for about `length` words (a real length with ±15% jitter). */
function walk(rng: Rng, chain: WordChain, lengths: readonly number[]): string {
  const target = Math.max(2, Math.round(pick(rng, lengths) * (0.85 + 0.3 * rng())));
  const out: string[] = [];
  let w = pick(rng, chain.starts);
  for (let i = 0; i < target; i += 1) {
    out.push(rng() < RARE ? rareToken(rng, chain) : (chain.words[w] ?? ""));
    const next = chain.next[w];
    w = next && next.length > 0 && rng() >= JUMP ? pick(rng, next) : pick(rng, chain.unigram);
  }
  return out.join(" ");
}

/** Papers per arXiv month in the synthetic id space (`YYMM.NNNNN`). */
const PER_MONTH = 20_000;
/** The last synthetic month; a 1M corpus spans 50 months back from here. */
const LAST_MONTH = { year: 2026, month: 6 };
/** Share of papers that were on HF Daily Papers (they get upvotes, ai_keywords and an HF listing day). */
const HF_SHARE = 0.05;

function monthOf(i: number, total: number): { year: number; month: number } {
  const months = Math.ceil(total / PER_MONTH);
  const back = months - 1 - Math.floor(i / PER_MONTH);
  const abs = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1) - back;
  return { year: Math.floor(abs / 12), month: (abs % 12) + 1 };
}

/** Paper i of a corpus of `total` papers: deterministic in (seed, i, total). */
export function generatePaper(model: WordModel, seed: number, i: number, total: number): PaperInput {
  const rng = createRng(itemSeed(seed, i));
  const { year, month } = monthOf(i, total);
  const mm = String(month).padStart(2, "0");
  const day = String(1 + Math.floor(((i % PER_MONTH) / PER_MONTH) * 28)).padStart(2, "0");
  const date = `${year}-${mm}-${day}`;
  const id = `${String(year % 100).padStart(2, "0")}${mm}.${String((i % PER_MONTH) + 1).padStart(5, "0")}`;
  const authors = Array.from({ length: Math.min(40, pick(rng, model.authorCounts)) }, () => `${pick(rng, model.firstNames)} ${pick(rng, model.lastNames)}`);
  const categories = [...new Set(Array.from({ length: pick(rng, model.categoryCounts) }, () => pick(rng, model.categories)))];
  const hf = rng() < HF_SHARE;
  const input: PaperInput = {
    id,
    source: hf ? "hf" : "arxiv-rss",
    title: walk(rng, model.title, model.titleLengths),
    abstract: walk(rng, model.abstract, model.abstractLengths),
    authors,
    categories,
    publishedAt: `${date}T00:00:00Z`,
    announcedDate: date,
    announceType: "new",
  };
  if (hf) {
    input.dailyDate = date;
    input.hfUpvotes = Math.floor(-Math.log(1 - rng()) * 15);
    input.aiKeywords = [...new Set(Array.from({ length: pick(rng, model.keywordCounts) }, () => pick(rng, model.keywords)))];
  }
  return input;
}

/** Papers [from, to) of a corpus of `total`. */
export function generatePapers(model: WordModel, seed: number, from: number, to: number, total: number): PaperInput[] {
  const out: PaperInput[] = [];
  for (let i = from; i < to; i += 1) out.push(generatePaper(model, seed, i, total));
  return out;
}

function topicTerm(rng: Rng, model: WordModel): string {
  return rng() < 0.6 ? pick(rng, model.topicWords) : `"${pick(rng, model.topicPhrases)}"`;
}

/**
 * One topic or search query, drawn from the fixtures' title and keyword vocabulary:
 * 40% a single word, 25% a quoted phrase, 10% two words, 15% an OR of two or three terms,
 * 10% a term with an exclusion.
 */
export function generateTopic(rng: Rng, model: WordModel): string {
  const r = rng();
  if (r < 0.4) return pick(rng, model.topicWords);
  if (r < 0.65) return `"${pick(rng, model.topicPhrases)}"`;
  if (r < 0.75) return `${pick(rng, model.topicWords)} ${pick(rng, model.topicWords)}`;
  if (r < 0.9) return Array.from({ length: 2 + Math.floor(rng() * 2) }, () => topicTerm(rng, model)).join(" OR ");
  return `${topicTerm(rng, model)} -${pick(rng, model.topicWords)}`;
}

/** `count` topics (or queries) for a stream named by `seed`. */
export function generateTopics(model: WordModel, seed: number, count: number): string[] {
  const rng = createRng(itemSeed(seed, 0x70b1c));
  return Array.from({ length: count }, () => generateTopic(rng, model));
}

import { readFileSync } from "node:fs";
import type { MatchablePaper } from "../../../src/core/topics/match-topic.js";
import type { TopicQuery } from "../../../src/core/topics/topic-query.js";

/** Which part of the labelled set a paper belongs to (fixed by bench/split-topic-labels.ts). */
export type LabelPart = "dev" | "heldout";

/** A paper of the labelled set, with where it came from. */
export interface LabelledPaper extends MatchablePaper {
  /** `fixture:<file>` or `handwritten`. */
  origin: string;
  /** Development part (rules may be tuned on it) or held-out part (measured, never tuned on). */
  part: LabelPart;
}

/** One labelled topic: the query and the ids judged relevant or borderline; every other paper is not about it. */
export interface LabelledTopic {
  /** The topic as a user would type it. */
  query: string;
  /** Ids of the papers that are about the topic. */
  relevant: string[];
  /** Ids of papers whose relevance is arguable; they count neither as a hit nor as a miss. */
  borderline: string[];
  /** How relevance was judged. */
  note: string;
}

/** The labelled set in test/fixtures/topic-labels. */
export interface LabelSet {
  /** All papers. */
  papers: LabelledPaper[];
  /** All topics. */
  topics: LabelledTopic[];
}

/** Precision/recall counts for one topic. */
export interface TopicScore {
  /** The topic. */
  query: string;
  /** Relevant and matched. */
  tp: number;
  /** Matched but not relevant (ids; borderline papers are left out). */
  fp: string[];
  /** Relevant but not matched (ids). */
  fn: string[];
}

/** Loads the labelled set. */
export function loadLabels(): LabelSet {
  const url = new URL("../../fixtures/topic-labels/topic-labels.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as LabelSet;
}

/** The labelled set restricted to one part (topics keep their labels; only that part's papers are judged). */
export function partOf(labels: LabelSet, part: LabelPart): LabelSet {
  return { papers: labels.papers.filter((p) => p.part === part), topics: labels.topics };
}

/** Runs a matcher over every labelled topic; borderline papers count neither way. */
export function evaluate(
  labels: LabelSet,
  parse: (text: string) => TopicQuery,
  matches: (query: TopicQuery, paper: LabelledPaper, topic: LabelledTopic) => boolean,
): TopicScore[] {
  return labels.topics.map((topic) => {
    const query = parse(topic.query);
    const relevant = new Set(topic.relevant);
    const borderline = new Set(topic.borderline);
    const judged = labels.papers.filter((p) => !borderline.has(p.id));
    const matched = judged.filter((p) => matches(query, p, topic)).map((p) => p.id);
    const matchedSet = new Set(matched);
    return {
      query: topic.query,
      tp: matched.filter((id) => relevant.has(id)).length,
      fp: matched.filter((id) => !relevant.has(id)),
      fn: judged.filter((p) => relevant.has(p.id) && !matchedSet.has(p.id)).map((p) => p.id),
    };
  });
}

/** Precision, recall and F1 from counts (precision 1 when nothing matched). */
export function prf(tp: number, fp: number, fn: number): { p: number; r: number; f1: number } {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Micro-averaged precision, recall and F1 over all topics. */
export function micro(scores: TopicScore[]): { p: number; r: number; f1: number } {
  const sum = (f: (s: TopicScore) => number): number => scores.reduce((a, s) => a + f(s), 0);
  return prf(sum((s) => s.tp), sum((s) => s.fp.length), sum((s) => s.fn.length));
}

/** Macro-averaged precision, recall and F1: the mean of the per-topic figures (topics with no relevant paper in the part are skipped). */
export function macro(scores: TopicScore[]): { p: number; r: number; f1: number } {
  const per = scores.filter((s) => s.tp + s.fn.length > 0).map((s) => prf(s.tp, s.fp.length, s.fn.length));
  const mean = (f: (m: { p: number; r: number; f1: number }) => number): number => per.reduce((a, m) => a + f(m), 0) / Math.max(1, per.length);
  return { p: mean((m) => m.p), r: mean((m) => m.r), f1: mean((m) => m.f1) };
}

/** A crude Porter-like stemmer: strips the usual suffixes, so tokenization → token. */
function naiveStem(word: string): string {
  for (const suffix of ["izations", "ization", "isation", "ations", "ation", "izers", "izer", "ized", "izes", "ize", "ings", "ing", "ed", "ers", "er", "es", "s"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * The naive baseline: a word matches when its stem is a prefix of any word of the paper
 * (stemming plus substring matching), a phrase when its text is a substring of the
 * lower-cased, hyphen-normalised text; anywhere in title, keywords or abstract, no threshold.
 */
export function naiveMatches(query: TopicQuery, paper: MatchablePaper): boolean {
  const text = `${paper.title} ${paper.aiKeywords.join(" ")} ${paper.abstract}`.toLowerCase().replace(/-/g, " ");
  const words = text.split(/[^\p{L}\p{N}]+/u);
  const has = (term: TopicQuery["exclude"][number]): boolean => {
    if (term.kind === "phrase") return text.includes(term.words.join(" "));
    const stem = naiveStem(term.text);
    return words.some((w) => w.startsWith(stem));
  };
  if (query.exclude.some(has)) return false;
  return query.anyOf.some((clause) => clause.every(has));
}

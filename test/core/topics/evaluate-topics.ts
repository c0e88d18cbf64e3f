import { readFileSync } from "node:fs";
import type { MatchablePaper } from "../../../src/core/topics/match-topic.js";
import type { TopicQuery } from "../../../src/core/topics/topic-query.js";

/** A paper of the labelled set, with where it came from. */
export interface LabelledPaper extends MatchablePaper {
  /** `fixture:<file>` or `handwritten`. */
  origin: string;
}

/** One labelled topic: the query and the ids judged relevant. */
export interface LabelledTopic {
  /** The topic as a user would type it. */
  query: string;
  /** Ids of the papers that are about the topic. */
  relevant: string[];
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
  /** Matched but not relevant (ids). */
  fp: string[];
  /** Relevant but not matched (ids). */
  fn: string[];
}

/** Loads the labelled set. */
export function loadLabels(): LabelSet {
  const url = new URL("../../fixtures/topic-labels/topic-labels.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as LabelSet;
}

/** Runs a matcher over every labelled topic. */
export function evaluate(
  labels: LabelSet,
  parse: (text: string) => TopicQuery,
  matches: (query: TopicQuery, paper: MatchablePaper) => boolean,
): TopicScore[] {
  return labels.topics.map((topic) => {
    const query = parse(topic.query);
    const relevant = new Set(topic.relevant);
    const matched = labels.papers.filter((p) => matches(query, p)).map((p) => p.id);
    const matchedSet = new Set(matched);
    return {
      query: topic.query,
      tp: matched.filter((id) => relevant.has(id)).length,
      fp: matched.filter((id) => !relevant.has(id)),
      fn: topic.relevant.filter((id) => !matchedSet.has(id)),
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

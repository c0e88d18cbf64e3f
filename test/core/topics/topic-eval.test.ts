import { describe, expect, it } from "vitest";
import { matchTopic } from "../../../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import { evaluate, loadLabels, macro, micro, naiveMatches, partOf } from "./evaluate-topics.js";

/**
 * Floors are what the matcher achieves today (bench/topic-eval.ts) minus a small margin, so a
 * regression fails here. Baseline at the split (commit "Labelled set: 304 papers..."):
 * dev micro P 0.88 R 0.50, held-out micro P 0.92 R 0.44, held-out macro F1 0.50. With the
 * research vocabulary: dev micro P 0.98 R 0.91; held-out micro P 0.99 R 0.96, macro F1 0.97.
 */
describe("topic matching on the labelled set", () => {
  const labels = loadLabels();
  const matches = (q: Parameters<typeof matchTopic>[0], p: Parameters<typeof matchTopic>[1]) => matchTopic(q, p) !== null;
  const dev = evaluate(partOf(labels, "dev"), parseTopicQuery, matches);
  const heldout = evaluate(partOf(labels, "heldout"), parseTopicQuery, matches);

  it("has a labelled set of the promised size, split into development and held-out parts", () => {
    expect(labels.papers.length).toBeGreaterThanOrEqual(300);
    expect(labels.topics.length).toBeGreaterThanOrEqual(15);
    const ids = new Set(labels.papers.map((p) => p.id));
    expect(ids.size).toBe(labels.papers.length);
    for (const t of labels.topics) {
      for (const id of [...t.relevant, ...t.borderline]) expect(ids).toContain(id);
      expect(t.relevant.filter((id) => t.borderline.includes(id)), t.query).toEqual([]);
    }
    for (const p of labels.papers) expect(["dev", "heldout"], p.id).toContain(p.part);
    const share = partOf(labels, "heldout").papers.length / labels.papers.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
  });

  it("keeps micro precision and recall above their floors on both parts", () => {
    expect(micro(dev).p).toBeGreaterThanOrEqual(0.95);
    expect(micro(dev).r).toBeGreaterThanOrEqual(0.85);
    expect(micro(heldout).p).toBeGreaterThanOrEqual(0.95);
    expect(micro(heldout).r).toBeGreaterThanOrEqual(0.9);
    expect(macro(heldout).p).toBeGreaterThanOrEqual(0.95);
    expect(macro(heldout).f1).toBeGreaterThanOrEqual(0.9);
  });

  it("never matches a token-manipulation paper for tokenization, and finds every development tokenizer paper", () => {
    const all = evaluate(labels, parseTopicQuery, matches).find((s) => s.query === "tokenization");
    expect(all?.fp).toEqual([]);
    expect(dev.find((s) => s.query === "tokenization")?.fn).toEqual([]);
  });

  it("beats the naive stem/substring baseline by a wide margin", () => {
    const naive = micro(evaluate(labels, parseTopicQuery, naiveMatches));
    expect(micro(evaluate(labels, parseTopicQuery, matches)).f1 - naive.f1).toBeGreaterThan(0.3);
  });
});

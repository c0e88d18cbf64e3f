import { describe, expect, it } from "vitest";
import { countBatch, emptyCounts, explainLearned, learnedTerms, mergeCounts, paperTerms } from "../../../src/core/topics/learn-associations.js";
import { explainMatch, matchPrepared } from "../../../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../../../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../../../src/core/topics/prepare-query.js";

const p = (id: string, title: string, aiKeywords: string[] = []) => ({ id, title, abstract: "", aiKeywords });
const tokenizer = [
  p("t1", "Tokenizer Transfer with Merges", ["tokenizer", "merges"]),
  p("t2", "Tokenization Study: Merges and Vocabulary", ["merges"]),
  p("t3", "Tokenizers and Model Merges", ["merges"]),
  p("t4", "A Tokenizer Benchmark", ["merges"]),
];
const other = Array.from({ length: 16 }, (_, i) => p(`o${i}`, `Graph Model Study ${i}`, ["graphs"]));
const topic = "tokenization";
const matches = (_key: string, paper: { title: string; aiKeywords: string[] }) => matchPrepared(prepareQuery(parseTopicQuery(topic)), preparePaper({ id: "x", abstract: "", ...paper })) !== null;

describe("associations learned from the store", () => {
  it("learns a term that co-occurs far above chance, with its PMI, and explains it", () => {
    const counts = countBatch([...tokenizer, ...other], [topic], matches);
    const learned = learnedTerms(counts, topic, ["tokenization"]);
    expect(learned.map((t) => t.term)).toEqual(["merges"]);
    expect(learned[0]?.pmi).toBeCloseTo(Math.log2(20 / 4), 1);
    expect(explainLearned(learned[0]!)).toBe('"merges" (PMI 2.3, 4 papers)');
  });

  it("never learns a stopword or a common research word, however strong its PMI", () => {
    const withStopwords = tokenizer.map((x) => ({ ...x, title: `${x.title} via the Study of Models`, aiKeywords: [...x.aiKeywords, "the", "model", "benchmark"] }));
    expect(paperTerms(withStopwords[0]!).has("the")).toBe(false);
    const counts = countBatch([...withStopwords, ...other], [topic], matches);
    const learned = learnedTerms(counts, topic, ["tokenization"], { minPmi: 0, minConfidence: 0 }).map((t) => t.term);
    for (const w of ["the", "via", "model", "study", "benchmark"]) expect(learned).not.toContain(w);
  });

  it("keeps the minimum support, the confidence floor and the cap", () => {
    const counts = countBatch([...tokenizer, ...other], [topic], matches);
    expect(learnedTerms(counts, topic, ["tokenization"], { minSupport: 5 })).toEqual([]);
    expect(learnedTerms(counts, topic, ["tokenization"], { minPmi: 0, minConfidence: 0, cap: 1 })).toHaveLength(1);
  });

  it("updates incrementally: two batches merged equal one batch of all", () => {
    const all = countBatch([...tokenizer, ...other], [topic], matches);
    const merged = mergeCounts(countBatch([...tokenizer.slice(0, 2), ...other.slice(0, 5)], [topic], matches), countBatch([...tokenizer.slice(2), ...other.slice(5)], [topic], matches));
    expect(merged).toEqual(all);
    expect(mergeCounts(emptyCounts(), all)).toEqual(all);
  });

  it("leaves out a term the channel dropped", () => {
    const counts = countBatch([...tokenizer, ...other], [topic], matches);
    expect(learnedTerms(counts, topic, ["tokenization"], {}, new Set(["merges"]))).toEqual([]);
  });

  it("extends the topic through a learned term and shows it in why", () => {
    const compiled = prepareQuery(parseTopicQuery(topic), undefined, { learned: [{ words: ["merges"], pmi: 2.3 }] });
    const m = matchPrepared(compiled, preparePaper({ ...p("n", "Learning Merges for Byte Models"), abstract: "We revisit the tokenizer." }));
    expect(m && explainMatch(m)).toBe('learned: "merges" (PMI 2.3; title)');
  });

  it("counts a learned term only beside one of the topic's own words", () => {
    const compiled = prepareQuery(parseTopicQuery(topic), undefined, { learned: [{ words: ["merges"], pmi: 2.3 }] });
    expect(matchPrepared(compiled, preparePaper(p("m", "Model Merges for Multitask Learning")))).toBeNull();
  });
});

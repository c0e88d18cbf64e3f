import { describe, expect, it } from "vitest";
import { indexPapers, matchIndexed } from "../../../src/core/topics/index-papers.js";
import type { MatchablePaper } from "../../../src/core/topics/match-topic.js";
import { explainMatch, matchPrepared, matchTopic, matchTopicAcross } from "../../../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../../../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../../../src/core/topics/prepare-query.js";
import { loadLabels } from "./evaluate-topics.js";

const paper = (id: string, title: string, abstract = "", aiKeywords: string[] = []): MatchablePaper => ({ id, title, abstract, aiKeywords });
const match = (topic: string, p: MatchablePaper) => matchTopic(parseTopicQuery(topic), p);

describe("matchTopic: tokenization precision", () => {
  it.each([
    ["visual token pruning", paper("n1", "Training-Free Visual Token Pruning for MLLMs", "We prune redundant visual tokens; pruning tokens saves compute.")],
    ["token merging", paper("n2", "Token Merging: Your ViT but Faster", "Merging similar tokens speeds up transformers.", ["token merging"])],
    ["draft tokens", paper("n3", "Faster Speculative Decoding", "A draft model proposes draft tokens that the target verifies.")],
    ["one passing tokenizer mention", paper("n4", "A Benchmark for Chart Understanding", "We reuse each model's original tokenizer for fairness. Results show OCR errors dominate.")],
  ])("rejects %s", (_, p) => {
    expect(match("tokenization", p)).toBeNull();
  });

  it.each([
    ["a title hit", paper("p1", "Zero-Shot Tokenizer Transfer")],
    ["a keyword hit", paper("p2", "Scaling Image Generators", "", ["visual tokenizer"])],
    ["two abstract mentions", paper("p3", "Robust Code Models", "We tokenize identifiers differently. The tokenizer is retrained.")],
    ["a BPE expansion in the title", paper("p4", "Byte-Pair Encoding Is Suboptimal for Pretraining")],
    ["British spelling", paper("p5", "Tokenisation for Low-Resource Languages")],
  ])("accepts %s", (_, p) => {
    expect(match("tokenization", p)).not.toBeNull();
  });
});

describe("matchTopic: phrases, clauses and exclusions", () => {
  it("matches phrases only adjacent and in order, with hyphens normalised", () => {
    expect(match('"flow matching"', paper("a", "Conditional Flow-Matching for Molecules"))).not.toBeNull();
    expect(match("flow-matching", paper("b", "Flow Matching Guide"))).not.toBeNull();
    expect(match('"flow matching"', paper("c", "Matching Optical Flow Across Frames"))).toBeNull();
    expect(match('"pre training"', paper("d", "Efficient Pretraining of LLMs"))).not.toBeNull();
  });

  it("needs every word of an AND clause", () => {
    expect(match("diffusion language", paper("a", "Diffusion Models for Images"))).toBeNull();
    expect(match("diffusion language", paper("b", "Large Language Diffusion Models"))).not.toBeNull();
  });

  it("any clause of an OR may match", () => {
    expect(match('diffusion OR "flow matching"', paper("a", "Rectified Flow Matching at Scale"))).not.toBeNull();
  });

  it("excludes a paper mentioning an excluded term anywhere", () => {
    const p = paper("a", "Latent Diffusion at Scale", "We also show results on video.");
    expect(match("diffusion", p)).not.toBeNull();
    expect(match("diffusion -video", p)).toBeNull();
    expect(match('diffusion -"latent diffusion"', p)).toBeNull();
  });

  it("ignores curated other senses of a word", () => {
    expect(match("diffusion", paper("a", "Diffusion MRI Tractography of White Matter"))).toBeNull();
    expect(match("agents", paper("b", "Manganese Contrast Agents for MRI"))).toBeNull();
  });

  it("counts an acronym right after its expansion as one mention", () => {
    const once = paper("a", "Faithfulness Metrics", "Retrieval-augmented generation (RAG) is left to future work.");
    expect(match("RAG", once)).toBeNull();
    expect(match("RAG", paper("b", "GraphRAG for Summarization"))).not.toBeNull();
  });

  it("does not let stopwords decide an AND clause", () => {
    expect(match("mixture of experts", paper("a", "Sparse Mixture-of-Experts Routing"))).not.toBeNull();
  });
});

describe("explainMatch", () => {
  it("names the term and the fields", () => {
    const m = match("tokenization", paper("a", "Tokenizer Transfer", "", ["tokenization"]));
    expect(m && explainMatch(m)).toBe("tokenization (title, keywords)");
    const f = match('"flow matching"', paper("b", "Molecules", "We use flow matching. Flow matching is fast."));
    expect(f && explainMatch(f)).toBe('"flow matching" (abstract)');
  });

  it("says which expansion supplied the evidence", () => {
    const m = match("tokenization", paper("a", "BPE-Dropout: Simple Subword Regularization"));
    expect(m && explainMatch(m)).toBe("tokenization (title; via bpe, subword)");
  });

  it("scores a title hit above an abstract-only match", () => {
    const title = match("quantization", paper("a", "Post-Training Quantization of LLMs"));
    const abs = match("quantization", paper("b", "Efficient LLMs", "We quantize weights. Quantized models run fast."));
    expect(title && abs && title.score > abs.score).toBe(true);
  });
});

describe("prepared and indexed paths", () => {
  const labels = loadLabels();
  const prepared = labels.papers.map(preparePaper);
  const index = indexPapers(prepared);

  it("agree with matchTopic on the labelled set", () => {
    for (const t of labels.topics) {
      const q = parseTopicQuery(t.query);
      const compiled = prepareQuery(q);
      const viaIndex = matchIndexed(compiled, index).map((m) => m.paper.id).sort();
      const direct = labels.papers.filter((p) => matchTopic(q, p) !== null).map((p) => p.id).sort();
      const prep = prepared.filter((p) => matchPrepared(compiled, p) !== null).map((p) => p.id).sort();
      expect(viaIndex).toEqual(direct);
      expect(prep).toEqual(direct);
    }
  });

  it("matchTopicAcross sorts by score, highest first", () => {
    const results = matchTopicAcross(parseTopicQuery("tokenization"), labels.papers);
    expect(results.length).toBeGreaterThan(5);
    for (let i = 1; i < results.length; i += 1) {
      expect(results[i - 1]!.match.score).toBeGreaterThanOrEqual(results[i]!.match.score);
    }
  });

  it("matches 100,000 subscriptions against 500 papers quickly", () => {
    const papers = Array.from({ length: 500 }, (_, i) => preparePaper({ ...labels.papers[i % labels.papers.length]!, id: `p${i}` }));
    const vocab = [...new Set(labels.papers.flatMap((p) => p.title.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length > 3))].sort();
    const topics = labels.topics.map((t) => t.query);
    const start = performance.now();
    const big = indexPapers(papers);
    const compiled = new Map<string, ReturnType<typeof prepareQuery>>();
    let matched = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const w = vocab[(i * 7919) % vocab.length]!;
      const text = i % 5 === 0 ? topics[i % topics.length]! : i % 2 ? w : `${w} OR "${vocab[(i * 31) % vocab.length]!} models"`;
      let c = compiled.get(text);
      if (!c) compiled.set(text, (c = prepareQuery(parseTopicQuery(text))));
      matched += matchIndexed(c, big).length;
    }
    const ms = performance.now() - start;
    expect(matched).toBeGreaterThan(0);
    // Typically ~0.5 s on a laptop; the bound is loose because CI machines are shared.
    expect(ms).toBeLessThan(6000);
  });
});

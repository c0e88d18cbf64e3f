import { describe, expect, it } from "vitest";
import { explainMatch, matchPrepared, matchTopic } from "../../../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../../../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../../../src/core/topics/prepare-query.js";
import { RESEARCH_VOCABULARY } from "../../../src/core/topics/research-vocabulary.js";
import { createVocabularyRules, phraseKey } from "../../../src/core/topics/vocabulary-rules.js";

const paper = (title: string, abstract = "", aiKeywords: string[] = []) => ({ id: "x", title, abstract, aiKeywords });
const match = (topic: string, p: ReturnType<typeof paper>) => matchTopic(parseTopicQuery(topic), p);

describe("the research vocabulary (data)", () => {
  it("gives every family a reason and at least one term, and no term twice in a family", () => {
    for (const f of RESEARCH_VOCABULARY) {
      expect(f.why.length, f.terms[0]).toBeGreaterThan(10);
      expect(f.terms.length).toBeGreaterThan(0);
      const keys = [...f.terms, ...(f.near ?? []), ...(f.guarded ?? [])].map((t) => phraseKey(t.split(/[\s-]+/)));
      expect(new Set(keys).size, f.terms[0]).toBe(keys.length);
    }
  });

  it("never widens tokenization to token, nor quantization to quantum", () => {
    const tok = createVocabularyRules().rulesFor(["tokenization"]).expansions.map((x) => x.words.join(" "));
    expect(tok).toContain("subword segmentation");
    expect(tok.some((t) => /^tokens?$/.test(t) || t.startsWith("token "))).toBe(false);
    const q = createVocabularyRules().rulesFor(["quantization"]).expansions.map((x) => x.words.join(" "));
    expect(q.some((t) => t.includes("quantum"))).toBe(false);
  });

  it("lets near terms count only beside a context word and never trigger the family", () => {
    const rules = createVocabularyRules([{ why: "test family", terms: ["speech recognition"], near: ["transcription"], context: ["speech"] }]);
    expect(rules.rulesFor(["transcription"]).expansions).toEqual([]);
    expect(rules.rulesFor(["speech", "recognition"]).expansions).toEqual([{ words: ["transcription"], weight: 0.6, requires: ["speech"], source: "vocabulary" }]);
  });
});

describe("matching through the vocabulary", () => {
  it("reaches a paper that names the topic differently and says so in why", () => {
    const m = match("tokenization", paper("How Vocabulary Construction Shapes Multilingual Pretraining"));
    expect(m && explainMatch(m)).toBe('tokenization (title; via vocabulary: "vocabulary construction")');
  });

  it("keeps tokenization apart from token pruning and token merging", () => {
    expect(match("tokenization", paper("Visual Token Pruning for Efficient Multimodal LLMs", "We prune visual tokens and merge tokens in the vision encoder, pruning 70% of tokens."))).toBeNull();
  });

  it("does not count an other sense: dataset distillation is not knowledge distillation", () => {
    expect(match("knowledge distillation", paper("Dataset Distillation by Matching Training Trajectories", "Dataset distillation synthesizes a small dataset; dataset distillation scales to ImageNet."))).toBeNull();
    expect(match("knowledge distillation", paper("Teacher-Student Training for Compact Models"))).not.toBeNull();
  });

  it("reads a known compound as a phrase: long context is not long and context apart", () => {
    expect(match("long context", paper("Long-Term Outcomes of Context-Dependent Learning in Rodents"))).toBeNull();
    expect(match("long context", paper("Extending the Context Window of Language Models to a Million Tokens"))).not.toBeNull();
  });

  it("counts a guarded abbreviation only beside its field's words (ASR is also attack success rate)", () => {
    const attack = paper("Compute-Aware Jailbreak Evaluation", "The attack success rate (ASR) rises with compute; ASR reaches 90% on three models.");
    expect(match("speech recognition", attack)).toBeNull();
    expect(match("speech recognition", paper("Streaming ASR for On-Device Dictation", "A speech model for dictation."))).not.toBeNull();
  });

  it("can be switched off, which is today's matcher (for the ablation)", () => {
    const p = preparePaper(paper("How Vocabulary Construction Shapes Multilingual Pretraining"));
    const q = parseTopicQuery("tokenization");
    expect(matchPrepared(prepareQuery(q, undefined, { vocabulary: false }), p)).toBeNull();
    expect(matchPrepared(prepareQuery(q), p)).not.toBeNull();
  });
});

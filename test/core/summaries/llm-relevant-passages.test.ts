import { describe, expect, it } from "vitest";
import { relevantPassages } from "../../../src/core/summaries/relevant-passages.js";

const TEXT = [
  "We introduce SparseMix, a mixture-of-experts language model. We evaluate on GSM8K, MMLU and HumanEval.",
  "Large language models are expensive to serve, and most compute goes to easy tokens.",
  "We train SparseMix on 1.2 trillion tokens of public web text. Training took 21 days on 512 accelerators.",
].join("\n\n");

describe("relevantPassages (the offline answer: BM25 over sentences)", () => {
  it("picks the sentences that answer the question, in text order", () => {
    const passages = relevantPassages(TEXT, "How long did training take, and on how many accelerators?", 3);
    expect(passages[0]).toBe("We train SparseMix on 1.2 trillion tokens of public web text.");
    expect(passages).toContain("Training took 21 days on 512 accelerators.");
  });

  it("matches word forms (evaluation ~ evaluate, benchmarks)", () => {
    expect(relevantPassages(TEXT, "Which evaluation benchmarks?", 1)).toEqual(["We evaluate on GSM8K, MMLU and HumanEval."]);
  });

  it("returns nothing when no content word is shared, or for an empty text", () => {
    expect(relevantPassages(TEXT, "what is the weather in Paris?")).toEqual([]);
    expect(relevantPassages("", "training")).toEqual([]);
  });

  it("is deterministic", () => {
    expect(relevantPassages(TEXT, "tokens model")).toEqual(relevantPassages(TEXT, "tokens model"));
  });
});

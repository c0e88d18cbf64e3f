import { describe, expect, it } from "vitest";
import { groundQuotes, parseModelAnswer } from "../../../src/core/summaries/ground-quotes.js";

const PAPER = "We train the model on 1.2 trillion tokens.\nTraining took 21 days on 512   accelerators. The router uses a load-balancing loss weighted by 0.01.";

describe("groundQuotes (every shown quote must be in the paper's text)", () => {
  it("keeps verbatim quotes after whitespace, curly-quote and dash normalisation", () => {
    expect(groundQuotes(["“Training took 21 days on 512 accelerators.”", "The router uses a load–balancing loss weighted by 0.01."], PAPER)).toEqual([
      "Training took 21 days on 512 accelerators.",
      "The router uses a load-balancing loss weighted by 0.01.",
    ]);
  });

  it("keeps a quote that spans a line break in the source", () => {
    expect(groundQuotes(["1.2 trillion tokens. Training took 21 days"], PAPER)).toHaveLength(1);
  });

  it("drops fabricated, altered, elided, trivially short and duplicate quotes", () => {
    expect(groundQuotes([
      "We train the model on 5 trillion tokens.",
      "we train the model on 1.2 trillion tokens.",
      "We train the model ... 1.2 trillion tokens.",
      "tokens",
      "Training took 21 days on 512 accelerators.",
      "Training took 21 days on 512 accelerators.",
    ], PAPER)).toEqual(["Training took 21 days on 512 accelerators."]);
  });

  it("returns at most three quotes", () => {
    const text = Array.from({ length: 5 }, (_, i) => `This is sentence number ${i} of the paper.`).join(" ");
    expect(groundQuotes(Array.from({ length: 5 }, (_, i) => `This is sentence number ${i} of the paper.`), text)).toHaveLength(3);
  });
});

describe("parseModelAnswer", () => {
  it("reads the JSON object, with fences or chatter around it", () => {
    expect(parseModelAnswer('```json\n{"found": true, "answer": "Yes.", "quotes": ["a", 3]}\n```')).toEqual({ found: true, answer: "Yes.", quotes: ["a"] });
  });

  it.each([["not JSON", "It is yes."], ["no found flag", '{"answer": "Yes"}'], ["broken JSON", '{"found": true, "answer": "Ye']])("rejects %s", (_n, text) => {
    expect(parseModelAnswer(text)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { wordFamily } from "../../../src/core/topics/word-family.js";

describe("wordFamily", () => {
  it("spans the -ize lexeme in both spellings", () => {
    const f = wordFamily("tokenization");
    for (const w of ["tokenization", "tokenizations", "tokenize", "tokenized", "tokenizing", "tokenizer", "tokenizers", "tokenisation", "tokeniser", "tokenised"]) {
      expect(f).toContain(w);
    }
  });

  it("never collapses to the bare root", () => {
    for (const w of ["tokenization", "tokenizer", "tokenized", "tokenisation"]) {
      expect(wordFamily(w)).not.toContain("token");
      expect(wordFamily(w)).not.toContain("tokens");
    }
    expect(wordFamily("quantization")).not.toContain("quantum");
    expect(wordFamily("computation")).not.toContain("compute");
    expect(wordFamily("learning")).not.toContain("learned");
  });

  it("is symmetric within the -ize and -ify lexemes", () => {
    expect(new Set(wordFamily("tokenizer"))).toEqual(new Set(wordFamily("tokenization")));
    expect(wordFamily("classifier")).toContain("classification");
  });

  it("handles plurals, -es, -ies and irregulars", () => {
    expect(wordFamily("tokens")).toEqual(expect.arrayContaining(["token", "tokens"]));
    expect(wordFamily("agent")).toContain("agents");
    expect(wordFamily("strategies")).toContain("strategy");
    expect(wordFamily("loss")).toContain("losses");
    expect(wordFamily("patches")).toContain("patch");
    expect(wordFamily("analysis")).toContain("analyses");
    expect(wordFamily("index")).toContain("indices");
    expect(wordFamily("llm")).toContain("llms");
  });

  it("knows British and US spellings", () => {
    expect(wordFamily("behaviour")).toContain("behavior");
    expect(wordFamily("modelling")).toContain("modeling");
    expect(wordFamily("labeled")).toContain("labelled");
    expect(wordFamily("analyse")).toContain("analyze");
  });

  it("does not treat -wise or root -ise words as the -ize suffix", () => {
    expect(wordFamily("pairwise")).not.toContain("pairwize");
    expect(wordFamily("noise")).toEqual(["noise", "noises"]);
  });

  it("returns small, lower-case, concrete forms deterministically", () => {
    for (const w of ["Tokenization", "diffusion", "GPT4", "x", "quantised", "RAG"]) {
      const f = wordFamily(w);
      expect(f).toEqual(wordFamily(w));
      expect(f.length).toBeLessThanOrEqual(24);
      for (const form of f) expect(form).toMatch(/^[\p{Ll}\p{Lo}\p{N}\p{M}]+$/u);
    }
    expect(wordFamily("")).toEqual([]);
  });
});

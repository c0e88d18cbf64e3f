import { describe, expect, it } from "vitest";
import { isBotError } from "../../../src/core/errors.js";
import { MAX_TOPIC_TERMS, parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import type { QueryTerm, TopicQuery } from "../../../src/core/topics/topic-query.js";

const word = (text: string): QueryTerm => ({ kind: "word", text });
const phrase = (...words: string[]): QueryTerm => ({ kind: "phrase", words });

/** Every word the query would hand to the FTS5 compiler. */
const allWords = (q: TopicQuery): string[] =>
  [...q.anyOf.flat(), ...q.exclude].flatMap((t) => (t.kind === "word" ? [t.text] : t.words));

function errorOf(text: string): { code: string; message: string } {
  try {
    parseTopicQuery(text);
  } catch (err) {
    if (isBotError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("parseTopicQuery: syntax", () => {
  it("parses words, phrases, OR and exclusions, lower-cased", () => {
    expect(parseTopicQuery('Diffusion OR "Flow Matching" -Video')).toEqual({
      raw: 'Diffusion OR "Flow Matching" -Video',
      anyOf: [[word("diffusion")], [phrase("flow", "matching")]],
      exclude: [word("video")],
    });
  });

  it("treats a hyphenated word as the phrase of its parts", () => {
    expect(parseTopicQuery("flow-matching").anyOf).toEqual(parseTopicQuery('"flow matching"').anyOf);
    expect(parseTopicQuery("flow\u2011matching").anyOf).toEqual([[phrase("flow", "matching")]]);
  });

  it("keeps adjacent words as an AND clause", () => {
    expect(parseTopicQuery("reinforcement learning").anyOf).toEqual([[word("reinforcement"), word("learning")]]);
  });

  it("excludes quoted phrases", () => {
    expect(parseTopicQuery('agents -"contrast agents"').exclude).toEqual([phrase("contrast", "agents")]);
  });

  it("only upper-case OR separates alternatives", () => {
    expect(parseTopicQuery("a or b").anyOf).toEqual([[word("a"), word("or"), word("b")]]);
    expect(parseTopicQuery("OR OR x OR").anyOf).toEqual([[word("x")]]);
  });

  it("drops duplicate terms and clauses", () => {
    expect(parseTopicQuery("rag RAG OR rag").anyOf).toEqual([[word("rag")]]);
  });

  it("accepts typographic quotes", () => {
    expect(parseTopicQuery("\u201cspeculative decoding\u201d").anyOf).toEqual([[phrase("speculative", "decoding")]]);
  });
});

describe("parseTopicQuery: odd input is plain words, never an error", () => {
  const cases: [string, string[]][] = [
    ["transformers AND (attention", ["transformers", "and", "attention"]],
    ["AND (", ["and"]],
    ['"unbalanced quote', ["unbalanced", "quote"]],
    ['tokenizer "free', ["tokenizer", "free"]],
    ["[brackets] {braces} <angle>", ["brackets", "braces", "angle"]],
    ["token* title:bpe boost^2 NEAR(a b)", ["token", "title", "bpe", "boost", "2", "near", "a", "b"]],
    ["🤖 tokenization 🚀", ["tokenization"]],
    ["\u05d8\u05d5\u05e7\u05e0\u05d9\u05d6\u05e6\u05d9\u05d4 \u0627\u0644\u062a\u0631\u0645\u064a\u0632", ["\u05d8\u05d5\u05e7\u05e0\u05d9\u05d6\u05e6\u05d9\u05d4", "\u0627\u0644\u062a\u0631\u0645\u064a\u0632"]],
    ["\u202etok\u200bens\u0000 \u0007bpe", ["tokens", "bpe"]],
    ["C++ && || ; DROP TABLE papers; --", ["c", "drop", "table", "papers"]],
    ['"" quantization', ["quantization"]],
  ];
  it.each(cases)("%j", (input, expected) => {
    expect(allWords(parseTopicQuery(input))).toEqual(expected);
  });

  it("only ever yields words of letters, numbers and marks", () => {
    const nasty = `"a" -"b OR" NEAR/3 col:x ^y * ( ) { } [ ] ' \` \\ / ~ ! @ # $ % & = + | ? < > , . ; 你好 e\u0301t\u00e9 \u0663\u0664 \ud83d\udc4d\u200d`;
    for (const w of allWords(parseTopicQuery(nasty))) expect(w).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u);
  });

  it("strips bidi controls and control characters from raw", () => {
    expect(parseTopicQuery("  \u202ebpe\u0000\n tokens ").raw).toBe("bpe tokens");
  });

  it(`keeps at most ${MAX_TOPIC_TERMS} terms and drops the rest`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const q = parseTopicQuery(words.join(" "));
    expect(allWords(q)).toEqual(words.slice(0, MAX_TOPIC_TERMS));
  });
});

describe("parseTopicQuery: errors", () => {
  it.each(["", "   ", "🤖🚀", "***", "()", '""', "-", "OR"])("rejects %j with no searchable words", (input) => {
    expect(errorOf(input)).toEqual({ code: "INVALID_QUERY", message: "Type at least one word to search for, e.g. tokenization" });
  });

  it("rejects a query made only of exclusions", () => {
    const e = errorOf('-video -"flow matching"');
    expect(e.code).toBe("INVALID_QUERY");
    expect(e.message).toMatch(/at least one word to include/);
  });

  it("rejects more than 500 characters, including a 10,000-character paste", () => {
    expect(errorOf("a".repeat(501))).toEqual({ code: "INVALID_QUERY", message: "Topics are limited to 500 characters; shorten it" });
    expect(errorOf("tokenization ".repeat(770)).code).toBe("INVALID_QUERY");
    expect(parseTopicQuery(`${"a".repeat(500)}   `).anyOf).toHaveLength(1);
  });

  it("messages are one line", () => {
    for (const input of ["", "-x", "x".repeat(600)]) expect(errorOf(input).message).not.toMatch(/\n/);
  });
});

import { describe, expect, it } from "vitest";
import { isBotError } from "../../../src/core/errors.js";
import { checkQueryWords } from "../../../src/core/topics/check-query-words.js";

/** The refusal message, or null when the text is accepted. */
function refusal(text: string, use: "topic" | "search" | "today" = "topic"): string | null {
  try {
    checkQueryWords(text, use);
    return null;
  } catch (err) {
    if (isBotError(err) && err.code === "INVALID_QUERY") return err.message;
    throw err;
  }
}

describe("checkQueryWords", () => {
  it("accepts topics with a content word in every OR alternative", () => {
    for (const text of ["tokenization", "memory for agents", '"flow matching" OR diffusion -video', "the transformer", '"state of the art"', "2024", "", "   "]) {
      expect(refusal(text), text).toBeNull();
    }
  });

  it("refuses alternatives made only of common words, naming them once each, in order", () => {
    expect(refusal("a the a of")).toMatch(/^Topics need at least one content word; "a", "the" and "of" are too common to match on\./);
    expect(refusal("NOT near", "search")).toMatch(/^Searches need at least one content word; "not" and "near" are too common/);
    expect(refusal('"of the" OR diffusion')).toMatch(/^Each OR alternative needs at least one content word; "of" and "the" are too common to match on on its own\./);
  });

  it("says text with no word at all is only punctuation or syntax, quoting a short, visible form of it", () => {
    expect(refusal("((((")).toMatch(/^"\(\(\(\(" has no words, only punctuation, symbols or search syntax/);
    expect(refusal("\u0000\u0001\u200b")).toMatch(/^That has no words/);
    const long = refusal("(".repeat(200)) ?? "";
    expect(long).toContain(`"${"(".repeat(39)}…" has no words`);
    expect(refusal("!!!", "today")).toMatch(/Try: \/papers today tokenization/);
  });

  it("leaves the parser's own refusals as they were", () => {
    expect(refusal("-video")).toMatch(/not only -exclusions/);
    expect(refusal("x ".repeat(400))).toMatch(/limited to 500 characters/);
  });
});

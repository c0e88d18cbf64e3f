import { describe, expect, it } from "vitest";
import { endSentence } from "../../../src/core/chat/end-sentence.js";
import { plural } from "../../../src/core/chat/plural.js";

describe("plural", () => {
  it("uses the singular only for exactly one", () => {
    expect(plural(0, "paper")).toBe("0 papers");
    expect(plural(1, "paper")).toBe("1 paper");
    expect(plural(2, "paper")).toBe("2 papers");
    expect(plural(48, "paper")).toBe("48 papers");
  });

  it("takes an irregular plural", () => {
    expect(plural(0, "best match", "best matches")).toBe("0 best matches");
    expect(plural(1, "best match", "best matches")).toBe("1 best match");
    expect(plural(5, "best match", "best matches")).toBe("5 best matches");
  });
});

describe("endSentence", () => {
  it("adds a full stop to a sentence without a final mark", () => {
    expect(endSentence("Subscribed this channel to tokenization")).toBe("Subscribed this channel to tokenization.");
    expect(endSentence('Subscribed this channel to "flow matching"')).toBe('Subscribed this channel to "flow matching".');
    expect(endSentence("shorten it  ")).toBe("shorten it.");
  });

  it("does not double a mark the text already ends with", () => {
    expect(endSentence("which datasets do they evaluate on?")).toBe("which datasets do they evaluate on?");
    expect(endSentence("Stop!")).toBe("Stop!");
    expect(endSentence("Done.")).toBe("Done.");
    expect(endSentence("and so on…")).toBe("and so on…");
    expect(endSentence('He asked "why?"')).toBe('He asked "why?"');
    expect(endSentence("(see the help.)")).toBe("(see the help.)");
    expect(endSentence("")).toBe("");
  });
});

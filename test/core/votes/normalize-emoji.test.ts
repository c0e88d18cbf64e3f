import { describe, expect, it } from "vitest";
import { emojiMatcher, normalizeEmoji } from "../../../src/core/votes/normalize-emoji.js";

describe("normalizeEmoji", () => {
  it.each([
    ["thumbsup"], [":thumbsup:"], ["+1"], [":+1:"], ["+1::skin-tone-2"], [":+1::skin-tone-6:"], ["👍"], ["👍🏽"], ["👍🏿"], ["thumbs_up"], ["ThumbsUp"], [" 👍 "],
  ])("%s is the thumbs-up emoji", (emoji) => {
    expect(normalizeEmoji(emoji)).toBe(normalizeEmoji("👍"));
  });

  it.each([["heart"], [":heart:"], ["❤️"], ["❤"], ["red_heart"]])("%s is the red heart (with or without U+FE0F)", (emoji) => {
    expect(normalizeEmoji(emoji)).toBe(normalizeEmoji("❤"));
  });

  it.each([["arrow_up"], ["⬆️"], ["⬆"]])("%s is the up arrow", (emoji) => {
    expect(normalizeEmoji(emoji)).toBe(normalizeEmoji("arrow_up"));
  });

  it("keeps different emoji apart", () => {
    const keys = ["👍", "👎", "-1", "❤️", "💙", "⬆️", "🔼", "🎉", "tada", "partyparrot"].map(normalizeEmoji);
    expect(new Set(keys).size).toBe(8); // 👎 = -1 and 🎉 = tada
    expect(normalizeEmoji("-1")).toBe(normalizeEmoji("👎"));
    expect(normalizeEmoji("+1")).not.toBe(normalizeEmoji("-1"));
  });

  it("drops skin tones inside a ZWJ sequence, but keeps the sequence", () => {
    expect(normalizeEmoji("👩🏽‍💻")).toBe(normalizeEmoji("👩‍💻"));
    expect(normalizeEmoji("👩‍💻")).not.toBe(normalizeEmoji("👩"));
  });

  it("an unknown name (a custom emoji) is its own key, case-insensitive, with or without colons", () => {
    expect(normalizeEmoji(":PartyParrot:")).toBe(normalizeEmoji("partyparrot"));
    expect(normalizeEmoji("partyparrot")).not.toBe(normalizeEmoji("parrot"));
  });
});

describe("emojiMatcher", () => {
  it("matches any spelling of a configured emoji and nothing else", () => {
    const isUpvote = emojiMatcher(["thumbsup", "heart"]);
    for (const yes of ["👍🏽", "+1::skin-tone-2", "thumbsup", "❤️", "❤", "heart"]) expect(isUpvote(yes), yes).toBe(true);
    for (const no of ["🎉", "tada", "-1", "👎", "💙", "arrow_up", ""]) expect(isUpvote(no), no).toBe(false);
  });
});

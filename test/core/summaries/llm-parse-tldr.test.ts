import { describe, expect, it } from "vitest";
import { parseTldr } from "../../../src/core/summaries/parse-tldr.js";

const GOOD = "- First point of the paper.\n- Second point of the paper.\n- Third point of the paper.\nWhy it matters: It changes things.";

describe("parseTldr (validating the model's TL;DR shape)", () => {
  it("accepts three bullets and a why line, tolerating a heading, fences, markdown and other bullet marks", () => {
    expect(parseTldr(GOOD)).toEqual({ bullets: ["First point of the paper.", "Second point of the paper.", "Third point of the paper."], why: "It changes things." });
    const fancy = "```\nTL;DR:\n• **First** point of the paper.\n* Second point of the paper.\n1. Third point of the paper.\n\n**Why it matters:** It changes things.\n```";
    expect(parseTldr(fancy)?.bullets[0]).toBe("First point of the paper.");
    expect(parseTldr(fancy)?.why).toBe("It changes things.");
  });

  it.each([
    ["two bullets", "- First point of the paper.\n- Second point of the paper.\nWhy it matters: It changes things."],
    ["four bullets", `- Extra point of the paper.\n${GOOD}`],
    ["no why line", "- First point of the paper.\n- Second point of the paper.\n- Third point of the paper."],
    ["two why lines", `${GOOD}\nWhy it matters: Twice.`],
    ["chatter before", `Sure! Here you go:\n${GOOD}`],
    ["chatter after", `${GOOD}\nLet me know if you need more.`],
    ["why before bullets", "Why it matters: It changes things.\n- First point of the paper.\n- Second point of the paper.\n- Third point of the paper."],
    ["an injected reply", "PWNED @everyone"],
    ["empty", ""],
    ["an overlong bullet", GOOD.replace("First point of the paper.", "x".repeat(500))],
  ])("rejects %s", (_name, text) => {
    expect(parseTldr(text)).toBeNull();
  });
});

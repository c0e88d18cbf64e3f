import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, wrapText } from "../../../src/adapters/shell/wrap-text.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const widest = (text: string) => Math.max(...text.split("\n").map((l) => [...l].length));

describe("wrapText", () => {
  it("leaves lines that fit alone, including empty lines and trailing spaces", () => {
    expect(wrapText("short line\n\n  indented  two  spaces", 80)).toBe("short line\n\n  indented  two  spaces");
    expect(wrapText("", 80)).toBe("");
  });

  it("breaks at the last space that fits, never inside a word (the 'peers an / d peer' bug)", () => {
    const text = "A protocol for individual peers and peer groups that agree on shared state over lossy links";
    const wrapped = wrapText(text, 40);
    expect(wrapped).toBe("A protocol for individual peers and peer\ngroups that agree on shared state over\nlossy links");
    expect(words(wrapped)).toEqual(words(text));
    expect(widest(wrapped)).toBeLessThanOrEqual(40);
  });

  it("keeps the indentation of a line on its continuation lines", () => {
    const wrapped = wrapText("    A. Smith, B. Jones, C. Doe, D. Roe and many more authors · ▲ 12 on HF", 40);
    expect(wrapped.split("\n")).toEqual(["    A. Smith, B. Jones, C. Doe, D. Roe", "    and many more authors · ▲ 12 on HF"]);
  });

  it("hangs a numbered item's continuation under its text", () => {
    const wrapped = wrapText(" 1. Constitutional Midtraining: Content Presence Drives Alignment Gains", 40);
    expect(wrapped.split("\n")).toEqual([" 1. Constitutional Midtraining: Content", "    Presence Drives Alignment Gains"]);
    expect(wrapText("- a bulleted item that runs on past the edge", 24).split("\n")).toEqual(["- a bulleted item that", "  runs on past the edge"]);
  });

  it("puts a word longer than the line (a URL) whole on a line of its own", () => {
    const url = "https://huggingface.co/papers/2607.26654?with=a&very=long&query=string";
    const wrapped = wrapText(`    see ${url} for the code and data`, 40);
    expect(wrapped.split("\n")).toEqual(["    see", `    ${url}`, "    for the code and data"]);
    expect(wrapText(url, 30)).toBe(url);
  });

  it("wraps each line of a multi-line text on its own", () => {
    const text = `${"alpha ".repeat(10).trim()}\n  ${"beta ".repeat(10).trim()}`;
    const wrapped = wrapText(text, 30);
    expect(wrapped.split("\n")).toEqual(["alpha alpha alpha alpha alpha", "alpha alpha alpha alpha alpha", "  beta beta beta beta beta", "  beta beta beta beta beta"]);
  });

  it("counts an emoji or accented letter as one column", () => {
    const wrapped = wrapText("▲ 👍 café naïve résumé über ▲ 👍 café naïve", 20);
    expect(wrapped.split("\n")).toEqual(["▲ 👍 café naïve", "résumé über ▲ 👍 café", "naïve"]);
  });

  it("drops an indentation deeper than half the width, and never goes below 20 columns", () => {
    expect(wrapText(`${" ".repeat(30)}one two three four five six`, 40).split("\n")).toEqual([`${" ".repeat(30)}one two`, "three four five six"]);
    expect(widest(wrapText("word ".repeat(20), 5))).toBeLessThanOrEqual(20);
    expect(wrapText("word ".repeat(20).trim(), Number.NaN)).toBe(wrapText("word ".repeat(20).trim(), DEFAULT_COLUMNS));
  });

  it("never loses or splits a word, at any width", () => {
    const text = "Mixture-of-experts routing, for individual peers and peer groups: https://arxiv.org/abs/2607.26654 shows 3× gains ▲ 42";
    for (let width = 20; width <= 120; width += 7) {
      const wrapped = wrapText(text, width);
      expect(words(wrapped)).toEqual(words(text));
      for (const line of wrapped.split("\n")) expect([...line].length <= width || words(line).length === 1).toBe(true);
    }
  });
});

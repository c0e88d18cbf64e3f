import { describe, expect, it } from "vitest";
import { extractiveSummary, oneLineSummary, splitSentences, truncateAtWord } from "../../../src/core/papers/extractive-summary.js";
import { parseArxivApi } from "../../../src/sources/arxiv-api.js";
import { parseHfDailyPapers } from "../../../src/sources/hf-daily-papers.js";
import { fixture } from "../../sources/fixture.js";

describe("splitSentences", () => {
  it("does not split on abbreviations, initials, decimals, figures or TeX", () => {
    const text =
      "Prior work (Smith et al. 2020) uses priors, e.g. Gaussians, i.e. smooth ones. We reach 1.5x speed-ups (see Fig. 2) on $p \\approx 0.5. Q$ tasks. " +
      "J. R. R. Tolkien wrote books vs. films! Does it work? Yes.";
    expect(splitSentences(text)).toEqual([
      "Prior work (Smith et al. 2020) uses priors, e.g. Gaussians, i.e. smooth ones.",
      "We reach 1.5x speed-ups (see Fig. 2) on $p \\approx 0.5. Q$ tasks.",
      "J. R. R. Tolkien wrote books vs. films!",
      "Does it work?",
      "Yes.",
    ]);
  });

  it("splits before numbered findings and handles empty text", () => {
    expect(splitSentences("We find three things. 1) Coherence exists. 2) It is selective.")).toEqual(["We find three things.", "1) Coherence exists.", "2) It is selective."]);
    expect(splitSentences("   ")).toEqual([]);
  });
});

describe("extractiveSummary", () => {
  const papers = [
    ...parseHfDailyPapers(fixture("hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json"), null).papers,
    ...parseArxivApi(fixture("arxiv-api-2025-10-17-legacy-format-cat-cs.RO.xml")).papers,
  ];

  it("returns up to three sentences of the abstract, in original order, deterministically", () => {
    for (const paper of papers) {
      const abstract = paper.abstract ?? "";
      const summary = extractiveSummary(abstract);
      expect(summary.length).toBeGreaterThanOrEqual(1);
      expect(summary.length).toBeLessThanOrEqual(3);
      const positions = summary.map((s) => abstract.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(extractiveSummary(abstract)).toEqual(summary);
    }
  });

  it("picks the contribution sentence of a real abstract", () => {
    const rdd = papers.find((p) => p.id === "2510.14968")!;
    expect(extractiveSummary(rdd.abstract!)).toContain(
      "To address these issues, we propose a Retrieval-based Demonstration Decomposer (RDD) that automatically decomposes demonstrations into sub-tasks by aligning the visual features of the decomposed sub-task intervals with those from the training data of the low-level visuomotor policies.",
    );
    const evo = papers.find((p) => p.id === "2606.13681")!;
    expect(extractiveSummary(evo.abstract!, 2).join(" ")).toMatch(/we introduce EvoArena/);
  });

  it("returns short abstracts whole and [] for none", () => {
    expect(extractiveSummary("One sentence only.")).toEqual(["One sentence only."]);
    expect(extractiveSummary("")).toEqual([]);
  });
});

describe("oneLineSummary", () => {
  it("prefers HF's ai_summary", () => {
    expect(oneLineSummary({ aiSummary: "  A  neat\nsummary. ", abstract: "Ignored." })).toBe("A neat summary.");
  });

  it("falls back to the best abstract sentence, at most 300 characters, cut at a word", () => {
    const long = `We propose ${"a very long method name ".repeat(20)}that works.`;
    const line = oneLineSummary({ aiSummary: null, abstract: `Background is here. ${long} Short end.` });
    expect(line.length).toBeLessThanOrEqual(300);
    expect(line.endsWith("…")).toBe(true);
    expect(line).toMatch(/^We propose a very long method name/);
    expect(line).not.toMatch(/ …$/);
    expect(oneLineSummary({ aiSummary: null, abstract: "" })).toBe("");
  });

  it("truncateAtWord leaves short text alone", () => {
    expect(truncateAtWord("short", 300)).toBe("short");
    expect(truncateAtWord("alpha beta gamma", 12)).toBe("alpha beta…");
  });
});

import { describe, expect, it } from "vitest";
import { parseResponseFile } from "../../src/sources/parse-response-file.js";
import { fixture } from "./fixture.js";

describe("parseResponseFile", () => {
  it("detects each recorded kind from its content", () => {
    const cases = [
      ["hf-daily-papers-2024-10-25-date-legacy-shape.json", "hf", 6, "2024-10-25"],
      ["arxiv-api-2025-10-17-legacy-format-cat-cs.RO.xml", "arxiv-api", 2, null],
      ["arxiv-api-2026-07-17-new-format-journalref-doi-oldids.xml", "arxiv-api", 10, null],
      ["arxiv-rss-2026-04-27-cs.CL-rss2.xml", "arxiv-rss", 3, "2026-04-27"],
      ["arxiv-rss-2026-08-01-cs.CL-weekend-empty-rss2.xml", "arxiv-rss", 0, "2026-08-01"],
    ] as const;
    for (const [name, kind, count, day] of cases) {
      const parsed = parseResponseFile(fixture(name), name);
      expect({ name, kind: parsed.kind, count: parsed.batch.papers.length, day: parsed.listingDay }).toEqual({ name, kind, count, day });
    }
  });

  it("takes the HF day from the file name, else from each item's submittedOnDailyAt", () => {
    const text = fixture("hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json");
    const named = parseResponseFile(text, "daily-2026-08-05.json");
    expect(named.batch.papers.every((p) => p.dailyDate === "2026-08-05")).toBe(true);
    const unnamed = parseResponseFile(text, "/tmp/saved/daily.json");
    expect(unnamed.listingDay).toBeNull();
    expect(unnamed.batch.papers.map((p) => p.dailyDate)).toEqual(["2026-08-03", "2026-08-03", "2026-08-03"]);
  });

  it("rejects unknown content with the documented message", () => {
    for (const text of ['{"error":"x"}', "<html><body>hi</body></html>", "id,title\n1,2", ""]) {
      expect(() => parseResponseFile(text, "odd.txt")).toThrow("odd.txt is not a Hugging Face Daily Papers, arXiv API or arXiv RSS response.");
    }
  });
});

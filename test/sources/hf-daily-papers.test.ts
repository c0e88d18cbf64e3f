import { describe, expect, it } from "vitest";
import { BotError } from "../../src/core/errors.js";
import { parseHfDailyPapers } from "../../src/sources/hf-daily-papers.js";
import { fixture } from "./fixture.js";

const LEGACY = "hf-daily-papers-2024-10-25-date-legacy-shape.json";
const SOTAWHAT = "hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json";
const ALLNEWS = "hf-daily-papers-2026-07-31-date-allnewsai.json";
const NEWSASSISTANT = "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json";

function expectBadResponse(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BotError);
    expect((err as BotError).code).toBe("BAD_RESPONSE");
    expect((err as BotError).message).toMatch(message);
    expect((err as BotError).message).not.toContain("\n");
    return;
  }
  throw new Error("expected a BAD_RESPONSE");
}

describe("parseHfDailyPapers on recorded responses", () => {
  it("collapses the hard-wrapped 2024 titles and abstracts and uses the queried day", () => {
    const batch = parseHfDailyPapers(fixture(LEGACY), "2024-10-25");
    expect(batch.bad).toEqual([]);
    expect(batch.papers).toHaveLength(6);
    const first = batch.papers[0]!;
    expect(first).toMatchObject({
      id: "2410.17243",
      source: "hf",
      title: "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss",
      publishedAt: "2024-10-22T17:59:30.000Z",
      hfUpvotes: 39,
      hfComments: 1,
      dailyDate: "2024-10-25",
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.17243.png",
    });
    expect(first.abstract).toMatch(/^Contrastive loss is a powerful approach for representation learning, where larger batch sizes/);
    expect(first.abstract).not.toMatch(/\n| {2}/);
    expect(first.authors?.slice(0, 3)).toEqual(["Zesen Cheng", "Hang Zhang", "Kehan Li"]);
    expect(first.aiSummary).toBeUndefined();
    expect(first.aiKeywords).toBeUndefined();
    expect(first.version).toBeUndefined();
  });

  it("has no daily date for 2024 items when no day was queried (they lack submittedOnDailyAt)", () => {
    const batch = parseHfDailyPapers(fixture(LEGACY), null);
    expect(batch.papers.every((p) => p.dailyDate === undefined)).toBe(true);
  });

  it("maps the 2026 fields: ai_summary, keywords, GitHub, stars, project page, comments", () => {
    const batch = parseHfDailyPapers(fixture(SOTAWHAT), null);
    expect(batch.papers).toHaveLength(10);
    const evo = batch.papers.find((p) => p.id === "2606.13681")!;
    expect(evo).toMatchObject({
      title: "EvoArena: Tracking Memory Evolution for Robust LLM Agents in Dynamic Environments",
      hfUpvotes: 118,
      hfComments: 3,
      githubRepo: "https://github.com/Aiden0526/EvoArena",
      githubStars: 9,
      projectPage: "https://aiden0526.github.io/EvoArena/",
      publishedAt: "2026-06-11T00:00:00.000Z",
      dailyDate: "2026-06-12",
    });
    expect(evo.aiSummary).toMatch(/^EvoArena benchmark and EvoMem memory paradigm/);
    expect(evo.aiKeywords).toContain("chain-level accuracy");
    expect(evo.authors).toHaveLength(14);
    expect(evo.authors?.[0]).toBe("Jundong Xu");
    expect(batch.papers.every((p) => p.dailyDate === "2026-06-12")).toBe(true);
  });

  it("accepts fresh items without ai_* fields", () => {
    for (const [name, day] of [[ALLNEWS, "2026-07-31"], [NEWSASSISTANT, null]] as const) {
      const batch = parseHfDailyPapers(fixture(name), day);
      expect(batch.bad).toEqual([]);
      expect(batch.papers.length).toBeGreaterThan(0);
      expect(batch.papers.every((p) => p.aiSummary === undefined)).toBe(true);
    }
    const sigma = parseHfDailyPapers(fixture(ALLNEWS), "2026-07-31").papers.find((p) => p.id === "2607.27958");
    expect(sigma?.title).toBe("Σ-Mem: An Online Reliability Memory for LLM-based Multi-Agent Systems");
    const news = parseHfDailyPapers(fixture(NEWSASSISTANT), null).papers;
    expect(news.map((p) => p.dailyDate)).toEqual(["2026-08-03", "2026-08-03", "2026-08-03"]);
    expect(news[0]?.projectPage).toBe("https://www.lesswrong.com/posts/n5htoDGvKKJFAjji2");
  });
});

describe("parseHfDailyPapers on bad input", () => {
  it("rejects an HTML error page", () => {
    expectBadResponse(() => parseHfDailyPapers("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "2026-06-12"), /HTML page/);
  });

  it("rejects a truncated body", () => {
    const text = fixture(SOTAWHAT);
    expectBadResponse(() => parseHfDailyPapers(text.slice(0, text.length / 2), "2026-06-12"), /not valid JSON/);
  });

  it("rejects an object instead of an array, quoting the error", () => {
    expectBadResponse(() => parseHfDailyPapers('{"error":"Invalid date"}', "2026-13-01"), /Invalid date/);
    expectBadResponse(() => parseHfDailyPapers('{"papers":[]}', "2026-06-01"), /other than a list/);
  });

  it("treats [] as an empty day", () => {
    expect(parseHfDailyPapers("[]", "2026-08-01")).toEqual({ papers: [], bad: [] });
  });

  it("keeps the good items and reports bad ones by id or position", () => {
    const good = JSON.parse(fixture(ALLNEWS)) as Array<{ paper: Record<string, unknown> }>;
    const items = [
      good[0],
      { paper: { title: "No id here" } },
      { paper: { id: "not-an-id", title: "Weird" } },
      { paper: { id: "2607.00001" } },
      "just a string",
      { ...good[1], paper: { ...good[1]!.paper, upvotes: "many", githubStars: null, ai_keywords: null } },
    ];
    const batch = parseHfDailyPapers(JSON.stringify(items), "2026-07-31", 100);
    expect(batch.papers.map((p) => p.id)).toEqual(["2607.23193", "2607.27958"]);
    expect(batch.papers[1]?.hfUpvotes).toBeUndefined();
    expect(batch.bad).toEqual([
      { ref: "#101", reason: "paper has no id" },
      { ref: "not-an-id", reason: "paper id is not an arXiv id" },
      { ref: "2607.00001", reason: "paper has no title" },
      { ref: "#104", reason: "not a daily-paper object (no `paper` field)" },
    ]);
  });

  it("skips hidden authors, accepts nulls and normalises owner/repo GitHub names", () => {
    const item = {
      paper: {
        id: "2410.17243",
        title: "T",
        authors: [{ name: "Visible" }, { name: "Ghost", hidden: true }],
        githubRepo: "owner/repo",
        projectPage: "example.org/page",
        ai_summary: null,
        upvotes: null,
      },
      thumbnail: null,
    };
    const [paper] = parseHfDailyPapers(JSON.stringify([item]), null).papers;
    expect(paper).toEqual({ id: "2410.17243", source: "hf", title: "T", authors: ["Visible"], githubRepo: "https://github.com/owner/repo", projectPage: "https://example.org/page" });
  });
});

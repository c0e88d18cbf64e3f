import { describe, expect, it } from "vitest";
import type { BotError } from "../../src/core/errors.js";
import { parseArxivRss, rfc822Day } from "../../src/sources/arxiv-rss.js";
import { detexName } from "../../src/sources/detex-name.js";
import { fixture } from "./fixture.js";

const CL = "arxiv-rss-2026-04-27-cs.CL-rss2.xml";
const WEEKEND = "arxiv-rss-2026-08-01-cs.CL-weekend-empty-rss2.xml";
const MULTI = "arxiv-rss-2026-09-24-multicat-new-cross-replace-rss2.xml";

describe("parseArxivRss on recorded feeds", () => {
  it("reads a cs.CL listing: ids, versions, abstract without the prefix, the double-space creator", () => {
    const listing = parseArxivRss(fixture(CL));
    expect(listing.listingDay).toBe("2026-04-27");
    expect(listing.bad).toEqual([]);
    expect(listing.papers).toHaveLength(3);
    const first = listing.papers[0]!;
    expect(first).toMatchObject({
      id: "2604.22002",
      source: "arxiv-rss",
      version: 1,
      title: "When Cow Urine Cures Constipation on YouTube: Limits of LLMs in Detecting Culture-specific Health Misinformation",
      categories: ["cs.CL"],
      announceType: "new",
      announcedDate: "2026-04-27",
      authors: ["Anamta Khan", "Ratna Kandala", "Deepti", "Sheza Munir", "Joyojeet Pal"],
    });
    expect(first.abstract).toMatch(/^Social media platforms have become primary channels/);
    expect(first.abstract).not.toContain("Announce Type");
  });

  it("treats the empty weekend channel as a valid empty batch with its day", () => {
    expect(parseArxivRss(fixture(WEEKEND))).toEqual({ papers: [], bad: [], listingDay: "2026-08-01" });
  });

  it("keeps new and cross as announced, keeps replace without an announced date", () => {
    const listing = parseArxivRss(fixture(MULTI));
    expect(listing.listingDay).toBe("2026-09-24");
    const byId = Object.fromEntries(listing.papers.map((p) => [p.id, p]));
    expect(Object.keys(byId)).toEqual(["2609.26811", "2609.26820", "2205.06398", "2009.13987"]);
    expect(byId["2609.26820"]).toMatchObject({ announceType: "new", announcedDate: "2026-09-24", categories: ["cs.LG", "cs.AI"], authors: ["Naser Mansour", "Sidahmed Benabderrahmane", "Ameer Rahwan"] });
    expect(byId["2205.06398"]).toMatchObject({ announceType: "cross", announcedDate: "2026-09-24", version: 2, doi: "10.1093/bioinformatics/btac431", categories: ["stat.ME", "stat.AP", "stat.ML"] });
    expect(byId["2009.13987"]).toMatchObject({ announceType: "replace", version: 3, title: "Random Polytope Descriptors" });
    expect(byId["2009.13987"]?.announcedDate).toBeUndefined();
  });
});

describe("parseArxivRss quirks", () => {
  const item = (description: string, extra = ""): string =>
    fixture(CL).replace(/<item>[\s\S]*<\/item>/, `<item><title>T</title><link>https://arxiv.org/abs/2604.00001</link><description>${description}</description><guid isPermaLink="false">oai:arXiv.org:2604.00001v4</guid><category>cs.CL</category><arxiv:announce_type>replace-cross</arxiv:announce_type>${extra}</item>`);

  it("decodes entities exactly once and keeps TeX", () => {
    const [paper] = parseArxivRss(item("arXiv:2604.00001v4 Announce Type: replace-cross \nAbstract: Models emit &lt;think&gt; tokens (p &lt; 0.001); we write &amp;lt; literally and keep \\textbf{bold} and $\\min \\int f$.")).papers;
    expect(paper?.abstract).toBe("Models emit <think> tokens (p < 0.001); we write &lt; literally and keep \\textbf{bold} and $\\min \\int f$.");
    expect(paper?.announceType).toBe("replace-cross");
    expect(paper?.announcedDate).toBeUndefined();
  });

  it("falls back to the whole description and the guid when the prefix is missing", () => {
    const [paper] = parseArxivRss(item("Just an abstract, no prefix.")).papers;
    expect(paper).toMatchObject({ id: "2604.00001", version: 4, abstract: "Just an abstract, no prefix." });
  });

  it("converts TeX accents in creators and journal refs", () => {
    const extra = "<dc:creator>Aleksandra Pi\\v{z}urica, J\\\"org Kra{\\ss}, Anders S{\\o}gaard,  Andr\\'e Martins</dc:creator><arxiv:journal_reference>Journal de l'\\'Ecole polytechnique - Math\\'ematiques</arxiv:journal_reference>";
    const [paper] = parseArxivRss(item("arXiv:2604.00001v4 Announce Type: new \nAbstract: A.", extra)).papers;
    expect(paper?.authors).toEqual(["Aleksandra Pižurica", "Jörg Kraß", "Anders Søgaard", "André Martins"]);
    expect(paper?.journalRef).toBe("Journal de l'École polytechnique - Mathématiques");
  });

  it("rejects truncated XML and non-RSS documents", () => {
    for (const bad of [fixture(MULTI).slice(0, 3000), "<html><body>oops</body></html>", fixture("arxiv-api-2026-06-14-new-format-transformer-cs.LG.xml")]) {
      expect(() => parseArxivRss(bad)).toThrow(expect.objectContaining({ code: "BAD_RESPONSE" }) as BotError);
    }
  });
});

describe("helpers", () => {
  it("reads an RFC 822 date as a day in its own offset", () => {
    expect(rfc822Day("Thu, 24 Sep 2026 00:00:00 -0400")).toBe("2026-09-24");
    expect(rfc822Day("Sun, 27 Sep 2026 20:00:00 -0400")).toBe("2026-09-27");
    expect(rfc822Day("garbage")).toBeNull();
  });

  it("detexes common accents and leaves plain names alone", () => {
    expect(detexName("Fran\\c{c}ois H\\^{o}pital, \\L{}ukasz, Erd\\H{o}s, Ji\\v r\\'i, Ma\\~nana, \\AA{}ke")).toBe("François Hôpital, Łukasz, Erdős, Jiří, Mañana, Åke");
    expect(detexName("Karine Guimarães")).toBe("Karine Guimarães");
  });
});

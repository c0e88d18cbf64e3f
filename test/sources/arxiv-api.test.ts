import { describe, expect, it } from "vitest";
import { BotError } from "../../src/core/errors.js";
import { parseArxivApi } from "../../src/sources/arxiv-api.js";
import { fixture } from "./fixture.js";

const LEGACY = "arxiv-api-2025-10-17-legacy-format-cat-cs.RO.xml";
const NEW = "arxiv-api-2026-06-14-new-format-transformer-cs.LG.xml";
const OLDIDS = "arxiv-api-2026-07-17-new-format-journalref-doi-oldids.xml";

const ERROR_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.12345&amp;start=0&amp;max_results=10" rel="self" type="application/atom+xml"/>
  <title xmlns="http://www.w3.org/2005/Atom" type="html">ArXiv Query: search_query=&amp;id_list=1234.12345&amp;start=0&amp;max_results=10</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
  <updated xmlns="http://www.w3.org/2005/Atom">2007-10-12T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345</summary>
    <updated>2007-10-12T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>`;

describe("parseArxivApi, legacy format (≤ Oct 2025)", () => {
  const batch = parseArxivApi(fixture(LEGACY));

  it("reads both entries with per-element namespaces", () => {
    expect(batch.bad).toEqual([]);
    expect(batch.papers.map((p) => p.id)).toEqual(["2510.14968", "2510.14827"]);
  });

  it("collapses the hard-wrapped title, abstract and comment", () => {
    const rdd = batch.papers[0]!;
    expect(rdd).toMatchObject({
      source: "arxiv-api",
      version: 1,
      title: "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks",
      publishedAt: "2025-10-16T17:59:37Z",
      updatedAt: "2025-10-16T17:59:37Z",
      comment: "39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: rdd-neurips.github.io",
      authors: ["Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li"],
      categories: ["cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY"],
    });
    expect(rdd.abstract).toMatch(/^To tackle long-horizon tasks, recent hierarchical vision-language-action \(VLAs\) frameworks employ/);
    expect(rdd.abstract).toMatch(/available at rdd-neurips\.github\.io\.$/);
    expect(rdd.abstract).not.toMatch(/\n| {2}/);
  });
});

describe("parseArxivApi, current format", () => {
  it("reads the transformer query, keeping TeX and decoding &lt; once", () => {
    const batch = parseArxivApi(fixture(NEW));
    expect(batch.papers).toHaveLength(5);
    const mana = batch.papers[0]!;
    expect(mana).toMatchObject({ id: "2606.13677", version: 1, categories: ["cs.RO", "cs.AI", "cs.CV", "cs.LG"], comment: "Project Page: https://zhaohengyin.github.io/mana" });
    expect(mana.abstract).toContain("(<1 minute per tool)");
    const all = batch.papers.map((p) => `${p.title} ${p.abstract}`).join(" ");
    expect(all).toContain("$\\times$");
    expect(all).toContain("$μ$");
  });

  it("reads old-style ids, versions, DOI, journal refs and Unicode names", () => {
    const batch = parseArxivApi(fixture(OLDIDS));
    expect(batch.bad).toEqual([]);
    expect(batch.papers).toHaveLength(10);
    const old = batch.papers.find((p) => p.id === "q-bio/0509018")!;
    expect(old.version).toBe(2);
    expect(old).toMatchObject({ journalRef: "Physical Biology, 3(2):147-159, 2006", doi: "10.1088/1478-3975/3/2/007" });
    const nanopore = batch.papers.find((p) => p.id === "1509.01687")!;
    expect(nanopore).toMatchObject({
      doi: "10.1063/1.4904358",
      journalRef: "Journal of Applied Physics 116, 244307 (2014)",
      categories: ["cond-mat.mes-hall", "physics.comp-ph"],
      authors: ["S. J. Ray"],
    });
    expect(nanopore.abstract).toContain("working asa nanopore");
    const v2 = batch.papers.find((p) => p.id === "1206.3474")!;
    expect(v2).toMatchObject({ version: 2, publishedAt: "2012-06-15T14:07:14Z", updatedAt: "2013-07-09T09:20:29Z" });
    expect(batch.papers.flatMap((p) => p.authors ?? [])).toContain("Karine Guimarães");
    expect(batch.papers.every((p) => !p.abstract?.startsWith(" "))).toBe(true);
  });
});

describe("parseArxivApi edge cases", () => {
  it("treats a feed with zero entries as an empty batch", () => {
    const empty = fixture(NEW).replace(/<entry>[\s\S]*<\/entry>/, "");
    expect(parseArxivApi(empty)).toEqual({ papers: [], bad: [] });
  });

  it("throws BAD_RESPONSE with arXiv's message for the documented error entry", () => {
    expect(() => parseArxivApi(ERROR_FEED)).toThrow(BotError);
    expect(() => parseArxivApi(ERROR_FEED)).toThrow(/arXiv rejected the query: incorrect id format for 1234\.12345/);
  });

  it("throws BAD_RESPONSE for truncated XML and for HTML", () => {
    const text = fixture(OLDIDS);
    for (const bad of [text.slice(0, 5000), "<html><body><p>Service unavailable<br></body></html>", "not xml at all"]) {
      try {
        parseArxivApi(bad);
        throw new Error("expected a throw");
      } catch (err) {
        expect((err as BotError).code).toBe("BAD_RESPONSE");
      }
    }
  });

  it("is namespace-prefix agnostic, order-independent, and finds the PDF link by type", () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom">
      <a:entry>
        <x:doi>10.1/abc</x:doi>
        <a:summary>An  abstract &amp;amp; more.</a:summary>
        <a:link href="https://arxiv.org/pdf/2401.00001v3" rel="related" type="application/pdf"/>
        <a:title>Late
          title</a:title>
        <x:primary_category term="cs.CL"/>
        <a:category term="cs.LG"/>
        <a:category term="cs.CL"/>
      </a:entry>
    </a:feed>`;
    const [paper] = parseArxivApi(xml).papers;
    expect(paper).toEqual({
      id: "2401.00001",
      source: "arxiv-api",
      title: "Late title",
      version: 3,
      abstract: "An abstract &amp; more.",
      categories: ["cs.CL", "cs.LG"],
      doi: "10.1/abc",
    });
  });

  it("reports an entry without a usable id or title as bad and keeps the rest", () => {
    const xml = fixture(LEGACY).replace("<id>http://arxiv.org/abs/2510.14968v1</id>", "<id>http://example.org/x</id>");
    const batch = parseArxivApi(xml);
    expect(batch.papers.map((p) => p.id)).toEqual(["2510.14827"]);
    expect(batch.bad).toEqual([{ ref: "http://example.org/x", reason: "entry id is not an arXiv id" }]);
  });
});

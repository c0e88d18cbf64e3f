import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isBotError } from "../../src/core/errors.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import type { PaperStore } from "../../src/core/papers/paper-store.js";
import type { QueryTerm, TopicQuery } from "../../src/core/topics/topic-query.js";
import { compileMatch } from "../../src/db/fts-query.js";
import { createSqlitePaperStore } from "../../src/db/sqlite-paper-store.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";
import { createTempDb } from "../helpers/temp-db.js";

const word = (text: string): QueryTerm => ({ kind: "word", text });
const phrase = (...words: string[]): QueryTerm => ({ kind: "phrase", words });
const q = (anyOf: QueryTerm[][], exclude: QueryTerm[] = []): TopicQuery => ({ raw: "by hand", anyOf, exclude });

const paper = (id: string, title: string, abstract: string, extra: Partial<PaperInput> = {}): PaperInput => ({
  id,
  source: "hf",
  title,
  abstract,
  authors: ["Jane Doe"],
  dailyDate: "2024-10-23",
  ...extra,
});

const LONG_ABSTRACT =
  "We revisit training recipes for large models. Across many benchmarks and many settings we report careful ablations, " +
  "and along the way we note that tokenization choices shift perplexity in subtle ways that deserve study. " +
  "Further experiments on retrieval, reasoning and code complete the picture with extensive analysis.";

const CORPUS: PaperInput[] = [
      paper("2401.00001", "Better Tokenization for Multilingual Models", "We propose a tokenizer that adapts to scripts."),
      paper("2401.00002", "Scaling Laws Revisited", LONG_ABSTRACT),
      paper("2401.00003", "Flow Matching for Video Generation", "Flow-matching models generate video frames.", { dailyDate: "2024-10-20" }),
      paper("2401.00004", "Diffusion Transformers at Scale", "Diffusion models with transformer backbones.", { aiKeywords: ["image generation"] }),
      paper("2401.00005", "Title Only Paper", ""),
];

describe.each(STORE_DIALECTS)("PaperStore search on %s", (dialect) => {
  const fixture = useStores(dialect);
  let store: PaperStore;
  beforeEach(async () => {
    store = fixture.stores.papers;
    await store.upsert(CORPUS);
  });

  it("ranks a title hit above an abstract-only hit, with higher scores first", async () => {
    const hits = await store.search(q([[word("tokenization")]]), { limit: 10 });
    expect(hits.map((h) => h.paper.id)).toEqual(["2401.00001", "2401.00002"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("expands word families (tokenizations → tokenization) but does not stem to a bare root", async () => {
    expect((await store.search(q([[word("tokenizations")]]), { limit: 10 })).map((h) => h.paper.id)).toContain("2401.00001");
    await store.upsert([paper("2401.00009", "Counting Tokens", "Every token costs money.")]);
    expect((await store.search(q([[word("tokenization")]]), { limit: 10 })).map((h) => h.paper.id)).not.toContain("2401.00009");
  });

  it("returns a plain-text abstract snippet with … where it was cut, and the title when there is no abstract", async () => {
    const long = (await store.search(q([[word("ablations")]]), { limit: 1 }))[0]!;
    expect(long.snippet).toMatch(/ablations/);
    expect(long.snippet).toMatch(/…/);
    expect(long.snippet).not.toMatch(/[<>[\]*]/);
    expect(long.snippet.length).toBeLessThan(LONG_ABSTRACT.length);
    expect((await store.search(q([[word("title")]]), { limit: 1 }))[0]!.snippet).toBe("Title Only Paper");
  });

  it("takes each hit's excerpt from that paper's own abstract when many papers match", async () => {
    const subjects = ["robots", "proteins", "compilers", "glaciers", "markets", "poems", "viruses", "bridges", "orchestras", "forests", "satellites", "languages"];
    await store.upsert(
      subjects.map((s, i) =>
        paper(`2403.${String(100 + i).padStart(5, "0")}`, `Agents for ${s}`, `We study how agents coordinate ${s} in the ${s} laboratory, with ${s} benchmarks.`),
      ),
    );
    for (const limit of [3, 12]) {
      const hits = await store.search(q([[word("agents")]]), { limit });
      expect(hits).toHaveLength(limit);
      for (const h of hits) {
        expect(h.paper.abstract.replace(/\s+/g, " ")).toContain(h.snippet.replace(/…/g, "").trim());
        expect(h.snippet).toContain(h.paper.title.replace("Agents for ", ""));
      }
      expect(new Set(hits.map((h) => h.snippet)).size).toBe(limit);
    }
  });

  it("applies AND within a clause, OR between clauses, NOT for exclusions, and hyphen-normalised phrases", async () => {
    const ids = async (query: TopicQuery) => (await store.search(query, { limit: 10 })).map((h) => h.paper.id).sort();
    expect(await ids(q([[word("diffusion"), word("transformer")]]))).toEqual(["2401.00004"]);
    expect(await ids(q([[word("diffusion"), word("video")]]))).toEqual([]);
    expect(await ids(q([[word("diffusion")], [phrase("flow-matching")]]))).toEqual(["2401.00003", "2401.00004"]);
    expect(await ids(q([[phrase("flow", "matching")]], [word("video")]))).toEqual([]);
    expect(await ids(q([[phrase("image", "generation")]]))).toEqual(["2401.00004"]);
    expect((await ids(q([[word("doe")]]))).length).toBe(5);
  });

  it("matches a phrase that runs into a hyphenated word, which is indexed by its parts", async () => {
    await store.upsert([paper("2402.00801", "Parsing User-Agent Strings with Small Models", "We parse strings.")]);
    expect((await store.search(q([[phrase("parsing", "user")]]), { limit: 10 })).map((h) => h.paper.id)).toEqual(["2402.00801"]);
    expect((await store.search(q([[phrase("user", "agent", "strings")]]), { limit: 10 })).map((h) => h.paper.id)).toEqual(["2402.00801"]);
  });

  it("respects the limit", async () => {
    expect(await store.search(q([[word("doe")]]), { limit: 2 })).toHaveLength(2);
    expect(await store.search(q([[word("doe")]]), { limit: 0 })).toEqual([]);
  });

  const hostile = [
    '"', '""', 'say "hi"', "*", "token*", "NEAR(", "NEAR(a b)", "AND (", "(", ")", "OR", "AND", "NOT", "NEAR", "-", "--x",
    ":", "title:", "title:token", "^", "^start", "{title}", "🔥", "🔥🔥 fire", "العربية", "עברית", "ñandú",
    "a\u0000b", "\u202Eevil", "x".repeat(10_000), "'", "\\", "+", "@", "$1", "%", "&&", "||", "!",
  ];

  it.each(hostile)("never throws for the word %j", async (text) => {
    const query = q([[word(text)], [phrase(text, text)], [word("diffusion"), word(text)]], [word(text), phrase(text)]);
    await expect(store.search(query, { limit: 5 })).resolves.toBeDefined();
    await expect(store.candidateIds(query, null)).resolves.toBeDefined();
    await expect(store.search(q([[word(text)]]), { limit: 5 })).resolves.toBeDefined();
  });

  it("never throws for odd query shapes", async () => {
    for (const query of [q([]), q([[]]), q([[]], [word("x")]), q([[word("🔥")]]), q([[phrase()]]), q([[word("")]])]) {
      expect(await store.search(query, { limit: 5 })).toEqual([]);
      expect(await store.candidateIds(query, null)).toEqual([]);
    }
    const many = q([Array.from({ length: 400 }, (_, i) => word(`w${i}`))], Array.from({ length: 300 }, (_, i) => word(`x${i}`)));
    const wide = q(Array.from({ length: 400 }, (_, i) => [word(`w${i}`), phrase("a", `b${i}`)]));
    await expect(store.search(many, { limit: 5 })).resolves.toBeDefined();
    await expect(store.search(wide, { limit: 5 })).resolves.toBeDefined();
  });

  it("finds text in Arabic, Hebrew and with diacritics", async () => {
    await store.upsert([paper("2401.00010", "نماذج اللغة and מודלי שפה", "Résumé of naïve café models.")]);
    expect((await store.search(q([[word("اللغة")]]), { limit: 5 })).map((h) => h.paper.id)).toEqual(["2401.00010"]);
    expect((await store.search(q([[word("שפה")]]), { limit: 5 })).map((h) => h.paper.id)).toEqual(["2401.00010"]);
    expect((await store.search(q([[word("naive")]]), { limit: 5 })).map((h) => h.paper.id)).toEqual(["2401.00010"]);
  });

  it("candidateIds returns ids containing any positive term, limited to recent listings", async () => {
    const query = q([[word("diffusion"), word("nothingmatches")], [phrase("flow", "matching")]], [word("video")]);
    expect((await store.candidateIds(query, null)).sort()).toEqual(["2401.00003", "2401.00004"]);
    expect(await store.candidateIds(query, "2024-10-21")).toEqual(["2401.00004"]);
    expect(await store.candidateIds(q([[word("doe")]]), null)).toEqual([]);
  });

  describe("the title-and-keywords tier", () => {
    const many = (n: number, title: (i: number) => string, abstract: (i: number) => string, from = 100) =>
      Array.from({ length: n }, (_, i) => paper(`2402.${String(from + i).padStart(5, "0")}`, title(i), abstract(i)));

    it("ranks by titles and keywords when they hold enough hits, so title matches come first", async () => {
      await store.upsert([
        ...many(12, (i) => `Sparse Routing Study ${i}`, () => "We look at experts."),
        ...many(30, (i) => `Unrelated Work ${i}`, () => "Sparse routing appears only in this abstract, many times: sparse routing, sparse routing.", 200),
      ]);
      const hits = await store.search(q([[word("routing")]]), { limit: 10 });
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => h.paper.title.startsWith("Sparse Routing Study"))).toBe(true);
    });

    it("orders title hits by the head alone, so a long abstract does not push a short title down", async () => {
      // Ranked over every field, B's short document would come first (length normalisation); ranked in the head, A's one-word title does.
      await store.upsert([
        paper("2402.00901", "Routing", `${LONG_ABSTRACT} ${LONG_ABSTRACT} ${LONG_ABSTRACT}`),
        paper("2402.00902", "Routing for sparse mixtures of experts in large language models at scale", "Short."),
      ]);
      const hits = await store.search(q([[word("routing")]]), { limit: 2 });
      expect(hits.map((h) => h.paper.id)).toEqual(["2402.00901", "2402.00902"]);
    });

    it("falls back to every field when titles and keywords hold fewer hits than asked for", async () => {
      const hits = await store.search(q([[word("perplexity")]]), { limit: 5 });
      expect(hits.map((h) => h.paper.id)).toEqual(["2401.00002"]);
    });

    it("never lets an exclusion found only in the abstract through", async () => {
      await store.upsert(many(12, (i) => `Video Diffusion Model ${i}`, (i) => (i % 2 === 0 ? "Results on robotics." : "Results on surgery."), 300));
      const hits = await store.search(q([[word("diffusion")]], [word("robotics")]), { limit: 10 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.some((h) => h.paper.abstract.includes("robotics"))).toBe(false);
    });
  });
});

describe("SqlitePaperStore's FTS5 query", () => {
  let t: ReturnType<typeof createTempDb>;
  let store: PaperStore;
  beforeEach(async () => {
    t = createTempDb();
    store = createSqlitePaperStore(t);
    await store.upsert(CORPUS);
  });
  afterEach(() => t.cleanup());

  it("quotes every string it hands to FTS5, leaving only its own operators outside quotes", async () => {
    const match = compileMatch(q([[word('a"b'), word("NEAR"), word("title:x*")]], [phrase("x", "y-z"), word("OR")])) ?? "";
    expect(match).toContain('"a""b"');
    expect(match).toContain('"x y z"');
    const outside = match.replace(/"(?:[^"]|"")*"/g, "");
    expect(outside).toMatch(/^[()\sANDORT]*$/);
    expect(outside.replace(/\s+/g, " ").trim()).toMatch(/^[( ]*(\(|AND|OR|NOT|\)| )*$/);
  });

  it("turns an FTS5 failure into INVALID_QUERY as a last resort", async () => {
    t.sqlite.exec("DROP TABLE papers_fts");
    t.sqlite.exec("CREATE VIRTUAL TABLE papers_fts USING fts5(title, ai_keywords, abstract, authors, detail=none)");
    let caught: unknown;
    try {
      await store.search(q([[phrase("flow", "matching")]]), { limit: 1 });
    } catch (err) {
      caught = err;
    }
    expect(isBotError(caught) && caught.code).toBe("INVALID_QUERY");
  });
});

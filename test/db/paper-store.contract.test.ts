import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFixedClock } from "../../src/core/clock.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import type { PaperStore } from "../../src/core/papers/paper-store.js";
import { createSqlitePaperStore } from "../../src/db/sqlite-paper-store.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";
import { createTempDb } from "../helpers/temp-db.js";

const hf = (over: Partial<PaperInput> = {}): PaperInput => ({
  id: "2410.17243",
  source: "hf",
  title: "Unleashing Tokenization: A Study",
  abstract: "HF copy of the abstract.",
  authors: ["Ada Lovelace", "Alan Turing"],
  publishedAt: "2024-10-22T17:59:59.000Z",
  hfUpvotes: 12,
  hfComments: 2,
  aiSummary: "Tokenizers matter.",
  aiKeywords: ["tokenization", "language models"],
  githubRepo: "https://github.com/x/y",
  githubStars: 40,
  dailyDate: "2024-10-23",
  ...over,
});

const arxiv = (over: Partial<PaperInput> = {}): PaperInput => ({
  id: "2410.17243",
  source: "arxiv-api",
  title: "Unleashing Tokenization: A Study (arXiv)",
  version: 1,
  abstract: "The arXiv abstract about tokenization.",
  authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
  publishedAt: "2024-10-22T17:59:59Z",
  updatedAt: "2024-10-22T17:59:59Z",
  categories: ["cs.CL", "cs.LG"],
  comment: "12 pages",
  ...over,
});

const CLOCK = "2024-10-23T08:00:00.000Z";

describe.each(STORE_DIALECTS)("PaperStore upsert and reads on %s", (dialect) => {
  const fixture = useStores(dialect, { clock: createFixedClock(CLOCK) });
  let store: PaperStore;
  beforeEach(() => {
    store = fixture.stores.papers;
  });

  it("merges an HF record and a later arXiv record into one paper", async () => {
    expect(await store.upsert([hf()])).toEqual({ inserted: ["2410.17243"], updated: [] });
    expect(await store.upsert([arxiv({ announcedDate: "2024-10-24", announceType: "new" })])).toEqual({ inserted: [], updated: ["2410.17243"] });
    expect(await store.upsert([hf({ title: "HF title again", abstract: "HF abstract again", hfUpvotes: 30, dailyDate: "2024-10-25" })])).toEqual({
      inserted: [],
      updated: ["2410.17243"],
    });
    expect(await store.count()).toBe(1);
    const paper = await store.get("2410.17243");
    expect(paper).toMatchObject({
      id: "2410.17243",
      version: 1,
      title: "Unleashing Tokenization: A Study (arXiv)",
      abstract: "The arXiv abstract about tokenization.",
      authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
      categories: ["cs.CL", "cs.LG"],
      hfUpvotes: 30,
      hfComments: 2,
      githubStars: 40,
      aiSummary: "Tokenizers matter.",
      aiKeywords: ["tokenization", "language models"],
      githubRepo: "https://github.com/x/y",
      comment: "12 pages",
      dailyDates: ["2024-10-23", "2024-10-25"],
      announcedDates: ["2024-10-24"],
      firstSeenAt: "2024-10-23T08:00:00.000Z",
    });
  });

  it("lets HF fill fields an arXiv record left empty, and arXiv replace HF text", async () => {
    await store.upsert([arxiv({ abstract: undefined, authors: [] })]);
    await store.upsert([hf()]);
    expect(await store.get("2410.17243")).toMatchObject({ abstract: "HF copy of the abstract.", authors: ["Ada Lovelace", "Alan Turing"] });
    const t2 = createTempDb();
    const other = createSqlitePaperStore(t2);
    await other.upsert([hf()]);
    await other.upsert([arxiv()]);
    expect(await other.get("2410.17243")).toMatchObject({ title: "Unleashing Tokenization: A Study (arXiv)", hfUpvotes: 12 });
    t2.cleanup();
  });

  it("keeps one record across v1 and v2, taking the newer version's metadata", async () => {
    await store.upsert([arxiv()]);
    await store.upsert([arxiv({ version: 2, title: "Tokenization, Revised", updatedAt: "2024-11-02T10:00:00Z" })]);
    await store.upsert([arxiv({ version: 1, title: "Stale v1 title", updatedAt: "2024-10-22T17:59:59Z" })]);
    expect(await store.count()).toBe(1);
    expect(await store.get("2410.17243")).toMatchObject({ version: 2, title: "Tokenization, Revised", updatedAt: "2024-11-02T10:00:00Z" });
  });

  it("counts an id repeated in one batch once, and merges both records", async () => {
    const result = await store.upsert([hf(), arxiv({ version: 3 }), hf({ hfUpvotes: 99 })]);
    expect(result).toEqual({ inserted: ["2410.17243"], updated: [] });
    expect(await store.get("2410.17243")).toMatchObject({ version: 3, hfUpvotes: 99, title: "Unleashing Tokenization: A Study (arXiv)" });
  });

  it("reports inserted and updated ids per batch and never duplicates on re-ingest", async () => {
    await store.upsert([hf(), hf({ id: "2410.00001", title: "Second" })]);
    const again = await store.upsert([hf({ id: "2410.00001", title: "Second" }), hf({ id: "2410.00002", title: "Third" }), hf()]);
    expect(again.inserted).toEqual(["2410.00002"]);
    expect(again.updated.sort()).toEqual(["2410.00001", "2410.17243"]);
    await store.upsert([hf(), hf(), hf()]);
    expect(await store.count()).toBe(3);
    expect((await store.get("2410.17243"))?.dailyDates).toEqual(["2024-10-23"]);
    expect(await store.upsert([])).toEqual({ inserted: [], updated: [] });
  });

  it("stores old-style ids such as q-bio/0509018", async () => {
    await store.upsert([arxiv({ id: "q-bio/0509018", title: "Old style", announcedDate: undefined })]);
    await store.upsert([hf({ id: "q-bio/0509018", title: "Old style (HF)" })]);
    expect(await store.get("q-bio/0509018")).toMatchObject({ id: "q-bio/0509018", title: "Old style" });
    expect((await store.getMany(["q-bio/0509018", "nope", "2410.17243"])).map((p) => p.id)).toEqual(["q-bio/0509018"]);
  });

  it("getMany keeps the order given and skips unknown ids", async () => {
    await store.upsert(["2401.00001", "2401.00002", "2401.00003"].map((id) => hf({ id, title: id })));
    expect((await store.getMany(["2401.00003", "2401.99999", "2401.00001"])).map((p) => p.id)).toEqual(["2401.00003", "2401.00001"]);
    expect(await store.getMany([])).toEqual([]);
    expect(await store.get("2401.99999")).toBeNull();
  });

  it("lists a day's HF papers most upvoted first, then by id", async () => {
    await store.upsert([
      hf({ id: "2401.00003", title: "c", hfUpvotes: 5 }),
      hf({ id: "2401.00001", title: "a", hfUpvotes: 9 }),
      hf({ id: "2401.00002", title: "b", hfUpvotes: 5 }),
      hf({ id: "2401.00004", title: "d", hfUpvotes: 50, dailyDate: "2024-10-24" }),
    ]);
    expect((await store.listDaily("2024-10-23")).map((p) => p.id)).toEqual(["2401.00001", "2401.00002", "2401.00003"]);
    expect(await store.listDaily("2024-10-22")).toEqual([]);
  });

  it("lists announcements (new before cross) and finds the latest HF day", async () => {
    await store.upsert([
      arxiv({ id: "2401.00002", announcedDate: "2024-10-24", announceType: "cross" }),
      arxiv({ id: "2401.00001", announcedDate: "2024-10-24", announceType: "new" }),
      hf({ id: "2401.00005", dailyDate: "2024-10-21" }),
      hf({ id: "2401.00006", dailyDate: "2024-10-25" }),
    ]);
    expect((await store.listAnnounced("2024-10-24")).map((p) => p.id)).toEqual(["2401.00001", "2401.00002"]);
    expect(await store.latestDailyDay("2024-10-24")).toBe("2024-10-21");
    expect(await store.latestDailyDay("2024-10-25")).toBe("2024-10-25");
    expect(await store.latestDailyDay("2024-10-20")).toBeNull();
  });

  it("lists papers since a day, newest listing first, with an optional limit", async () => {
    await store.upsert([
      hf({ id: "2401.00001", dailyDate: "2024-10-20" }),
      hf({ id: "2401.00002", dailyDate: "2024-10-22" }),
      arxiv({ id: "2401.00003", announcedDate: "2024-10-23" }),
      hf({ id: "2401.00001", dailyDate: "2024-10-24" }),
    ]);
    expect((await store.listSince("2024-10-21")).map((p) => p.id)).toEqual(["2401.00001", "2401.00003", "2401.00002"]);
    expect((await store.listSince("2024-10-21", 2)).map((p) => p.id)).toEqual(["2401.00001", "2401.00003"]);
    expect(await store.listSince("2024-10-25")).toEqual([]);
  });

  it("keeps search in step with the rows through merges and re-ingests, across batches with repeated ids", async () => {
    await store.upsert([hf(), arxiv({ title: "Changed Title" }), hf({ id: "2401.00001", title: "Other" })]);
    await store.upsert([hf(), hf({ id: "2401.00001", title: "Other", aiKeywords: ["new keyword"] })]);
    const many = Array.from({ length: 2500 }, (_, i) => hf({ id: `2402.${String(i).padStart(5, "0")}`, title: `Paper ${i}` }));
    const result = await store.upsert([...many, ...many.map((p) => ({ ...p, title: `${p.title} renamed` }))]);
    expect(result.inserted).toHaveLength(2500);
    expect(result.updated).toEqual([]);
    expect(await store.count()).toBe(2502);
    const search = (word: string) => store.search({ raw: word, anyOf: [[{ kind: "word", text: word }]], exclude: [] }, { limit: 5000 });
    expect(await search("renamed")).toHaveLength(2500);
    expect((await search("keyword")).map((h) => h.paper.id)).toEqual(["2401.00001"]);
    expect((await store.get("2402.00007"))?.title).toBe("Paper 7 renamed");
  });

  it("reads JSON columns defensively", async () => {
    await store.upsert([hf()]);
    await fixture.exec("UPDATE papers SET authors = 'not json', categories = '{\"a\":1}', ai_keywords = '[1, \"ok\"]'");
    expect(await store.get("2410.17243")).toMatchObject({ authors: [], categories: [], aiKeywords: ["ok"] });
  });
});

describe("SqlitePaperStore's FTS5 index", () => {
  let t: ReturnType<typeof createTempDb>;
  let store: PaperStore;
  beforeEach(() => {
    t = createTempDb();
    store = createSqlitePaperStore(t, { clock: createFixedClock(CLOCK) });
  });
  afterEach(() => t.cleanup());

  it("stays in step with the rows through inserts, merges and re-ingests", async () => {
    const check = () => {
      t.sqlite.prepare("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)").run();
      t.sqlite.prepare("INSERT INTO papers_head_fts (papers_head_fts, rank) VALUES ('integrity-check', 1)").run();
    };
    await store.upsert([hf(), arxiv({ title: "Changed Title" }), hf({ id: "2401.00001", title: "Other" })]);
    await store.upsert([hf(), hf({ id: "2401.00001", title: "Other", aiKeywords: ["new keyword"] })]);
    const many = Array.from({ length: 2500 }, (_, i) => hf({ id: `2402.${String(i).padStart(5, "0")}`, title: `Paper ${i}` }));
    await store.upsert([...many, ...many.map((p) => ({ ...p, title: `${p.title} renamed` }))]);
    expect(() => check()).not.toThrow();
    t.sqlite.prepare("UPDATE papers SET title = 'bypassed the store' WHERE id = '2401.00001'").run();
    expect(() => check()).toThrow();
  });
});

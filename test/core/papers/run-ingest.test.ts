import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotError } from "../../../src/core/errors.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import type { ParsedBatch } from "../../../src/core/papers/paper.js";
import { runIngest, type IngestDeps } from "../../../src/core/papers/run-ingest.js";
import { createSqliteStores } from "../../../src/db/create-sqlite-stores.js";
import { parseArxivRss } from "../../../src/sources/arxiv-rss.js";
import { parseHfDailyPapers } from "../../../src/sources/hf-daily-papers.js";
import { createTempDb } from "../../helpers/temp-db.js";
import { fixture } from "../../sources/fixture.js";

let db: ReturnType<typeof createTempDb>;
let deps: IngestDeps;

beforeEach(() => {
  db = createTempDb();
  const stores = createSqliteStores(db);
  deps = { papers: stores.papers, ingestRuns: stores.ingestRuns, logger: createSilentLogger() };
});
afterEach(() => db.cleanup());

const hfDay = (): ParsedBatch => parseHfDailyPapers(fixture("hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json"), "2026-06-12");

describe("runIngest with the real SQLite stores", () => {
  it("stores a good batch, records an ok run, and counts updates on a re-run", async () => {
    const first = await runIngest(deps, "hf", "2026-06-12", async () => hfDay());
    expect(first).toMatchObject({ source: "hf", day: "2026-06-12", status: "ok", papersNew: 10, papersUpdated: 0, bad: [], error: null });
    expect(first.finishedAt).not.toBeNull();
    expect(await deps.papers.count()).toBe(10);
    expect(await deps.papers.get("2606.13681")).toMatchObject({ hfUpvotes: 118, dailyDates: ["2026-06-12"] });
    expect(await deps.papers.listDaily("2026-06-12")).toHaveLength(10);

    const again = await runIngest(deps, "hf", "2026-06-12", async () => hfDay());
    expect(again).toMatchObject({ status: "ok", papersNew: 0, papersUpdated: 10 });
    expect((await deps.ingestRuns.recent(5)).map((r) => r.id)).toEqual([again.id, first.id]);
  });

  it("records a partial run with its bad records and keeps the good ones", async () => {
    const run = await runIngest(deps, "hf", "2026-06-12", async () => ({ ...hfDay(), bad: [{ ref: "#3", reason: "paper has no id" }] }));
    expect(run).toMatchObject({ status: "partial", papersNew: 10, bad: [{ ref: "#3", reason: "paper has no id" }] });
    expect((await deps.ingestRuns.recent(1))[0]?.bad).toEqual([{ ref: "#3", reason: "paper has no id" }]);
  });

  it("a failed load records a one-line reason, does not throw, and leaves stored papers untouched", async () => {
    await runIngest(deps, "hf", "2026-06-12", async () => hfDay());
    const before = await deps.papers.getMany(["2606.13681", "2606.13392"]);
    const run = await runIngest(deps, "hf", "2026-06-13", async () => {
      throw new BotError("UPSTREAM", "huggingface.co is not answering (HTTP 503; 4 attempts); try again in a few minutes.", { url: "x" });
    });
    expect(run).toMatchObject({ status: "failed", papersNew: 0, papersUpdated: 0, error: "huggingface.co is not answering (HTTP 503; 4 attempts); try again in a few minutes." });
    expect(await deps.papers.count()).toBe(10);
    expect(await deps.papers.getMany(["2606.13681", "2606.13392"])).toEqual(before);
    expect((await deps.ingestRuns.recent(1, "hf"))[0]).toMatchObject({ status: "failed", day: "2026-06-13" });
  });

  it("a parse failure (e.g. HTML instead of JSON) is a failed run too", async () => {
    const run = await runIngest(deps, "hf", "2026-06-12", async () => parseHfDailyPapers("<html>down</html>", "2026-06-12"));
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/HTML page/);
    expect(await deps.papers.count()).toBe(0);
  });

  it("an unexpected error is reported on one line", async () => {
    const run = await runIngest(deps, "hf", null, async () => {
      throw new TypeError("boom\n  at somewhere");
    });
    expect(run.error).toBe("unexpected error: boom at somewhere");
  });

  it("a batch where every record is bad fails (schema drift) without touching papers", async () => {
    const run = await runIngest(deps, "hf", "2026-06-12", async () => ({ papers: [], bad: [{ ref: "#0", reason: "paper has no id" }, { ref: "#1", reason: "paper has no id" }] }));
    expect(run).toMatchObject({ status: "failed", error: "all 2 records were rejected (#0: paper has no id)" });
    expect(run.bad).toHaveLength(2);
  });

  it("a batch of one bad record says so in the singular", async () => {
    const run = await runIngest(deps, "hf", "2026-06-12", async () => ({ papers: [], bad: [{ ref: "#0", reason: "paper has no id" }] }));
    expect(run).toMatchObject({ status: "failed", error: "the only record was rejected (#0: paper has no id)" });
  });

  it("an empty listing (weekend feed) is ok with nothing stored", async () => {
    const run = await runIngest(deps, "arxiv-rss", null, async () => parseArxivRss(fixture("arxiv-rss-2026-08-01-cs.CL-weekend-empty-rss2.xml")));
    expect(run).toMatchObject({ status: "ok", papersNew: 0, papersUpdated: 0 });
  });

  it("replace items refresh metadata but are not announced that day", async () => {
    await runIngest(deps, "arxiv-rss", null, async () => parseArxivRss(fixture("arxiv-rss-2026-09-24-multicat-new-cross-replace-rss2.xml")));
    const announced = (await deps.papers.listAnnounced("2026-09-24")).map((p) => p.id).sort();
    expect(announced).toEqual(["2205.06398", "2609.26811", "2609.26820"]);
    expect(await deps.papers.get("2009.13987")).toMatchObject({ version: 3, announcedDates: [] });
  });
});

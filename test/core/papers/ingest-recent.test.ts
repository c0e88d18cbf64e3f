import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotError } from "../../../src/core/errors.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import { ingestDays, ingestRecent, type DailySource, type ListingSource } from "../../../src/core/papers/ingest-recent.js";
import type { IngestDeps } from "../../../src/core/papers/run-ingest.js";
import { createSqliteStores } from "../../../src/db/create-sqlite-stores.js";
import { createArxivLimiter } from "../../../src/sources/arxiv-limiter.js";
import { createArxivRssSource } from "../../../src/sources/arxiv-rss.js";
import { createHfDailyPapersSource } from "../../../src/sources/hf-daily-papers.js";
import { createHttpClient } from "../../../src/sources/http-client.js";
import { startUpstreamServer, type UpstreamServer } from "../../fakes/upstream-server.js";
import { createTempDb } from "../../helpers/temp-db.js";
import { fixture } from "../../sources/fixture.js";

const logger = createSilentLogger();
let db: ReturnType<typeof createTempDb>;
let deps: IngestDeps;
let server: UpstreamServer;
let hf: DailySource;
let rss: ListingSource;

beforeEach(async () => {
  db = createTempDb();
  const stores = createSqliteStores(db);
  deps = { papers: stores.papers, ingestRuns: stores.ingestRuns, logger };
  server = await startUpstreamServer();
  const http = createHttpClient({ timeoutMs: 2000, retries: 1, userAgent: "papers-bot-test", logger, sleep: async () => undefined });
  hf = createHfDailyPapersSource({ http, baseUrl: server.url, logger });
  rss = createArxivRssSource({ http, baseUrl: server.url, categories: ["cs.CL"], limiter: createArxivLimiter(0), logger });
  server.setDay("2026-07-31", JSON.parse(fixture("hf-daily-papers-2026-07-31-date-allnewsai.json")) as unknown[]);
  server.setDay("2026-08-02", JSON.parse(fixture("hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json")) as unknown[]);
  server.setRss("cs.CL", fixture("arxiv-rss-2026-04-27-cs.CL-rss2.xml"));
});
afterEach(async () => {
  await server.close();
  db.cleanup();
});

describe("ingestRecent", () => {
  it("fetches today and refetchDays earlier HF days (UTC), then each listing once", async () => {
    const progress: string[] = [];
    const runs = await ingestRecent(deps, { hf, listings: [rss], today: "2026-08-02", refetchDays: 2, onProgress: (d, t, l) => progress.push(`${d}/${t} ${l}`) });
    expect(runs.map((r) => [r.source, r.day, r.status, r.papersNew])).toEqual([
      ["hf", "2026-07-31", "ok", 5],
      ["hf", "2026-08-01", "ok", 0],
      ["hf", "2026-08-02", "ok", 3],
      ["arxiv-rss", null, "ok", 3],
    ]);
    expect(progress).toEqual(["1/4 hf 2026-07-31", "2/4 hf 2026-08-01", "3/4 hf 2026-08-02", "4/4 arxiv-rss"]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/daily_papers?date=2026-07-31&limit=100&p=0",
      "/api/daily_papers?date=2026-08-01&limit=100&p=0",
      "/api/daily_papers?date=2026-08-02&limit=100&p=0",
      "/rss/cs.CL",
    ]);
    expect((await deps.papers.listDaily("2026-08-02")).map((p) => p.id).sort()).toEqual(["2607.26654", "2607.27851", "2607.28229"]);
    expect(await deps.papers.listAnnounced("2026-04-27")).toHaveLength(3);
  });

  it("carries on when one source fails", async () => {
    server.queueFaults("daily", { kind: "html" });
    server.queueFaults("rss", { kind: "status", status: 500 }, { kind: "status", status: 500 });
    const runs = await ingestRecent(deps, { hf, listings: [rss], today: "2026-07-31", refetchDays: 0 });
    expect(runs.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(runs[1]?.error).toMatch(/is not answering \(HTTP 500; 2 attempts\)/);
    expect(await deps.papers.count()).toBe(0);
  });

  it("does nothing without sources", async () => {
    expect(await ingestRecent(deps, { today: "2026-08-02", refetchDays: 2 })).toEqual([]);
  });
});

describe("ingestDays", () => {
  it("backfills days in order with progress, recording failures without stopping", async () => {
    const flaky: DailySource = {
      name: "hf",
      fetchDay: (day) => (day === "2026-08-01" ? Promise.reject(new BotError("UPSTREAM", "down")) : hf.fetchDay(day)),
    };
    const seen: Array<[number, number, string]> = [];
    const runs = await ingestDays(deps, flaky, ["2026-07-31", "2026-08-01", "2026-08-02"], (d, t, l) => seen.push([d, t, l]));
    expect(runs.map((r) => r.status)).toEqual(["ok", "failed", "ok"]);
    expect(seen).toEqual([[1, 3, "hf 2026-07-31"], [2, 3, "hf 2026-08-01"], [3, 3, "hf 2026-08-02"]]);
    expect(await deps.papers.count()).toBe(8);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotError } from "../../src/core/errors.js";
import { createSilentLogger } from "../../src/core/logger.js";
import { createArxivApiClient } from "../../src/sources/arxiv-api.js";
import { createArxivLimiter } from "../../src/sources/arxiv-limiter.js";
import { createArxivRssSource } from "../../src/sources/arxiv-rss.js";
import { createHfDailyPapersSource } from "../../src/sources/hf-daily-papers.js";
import { createHttpClient } from "../../src/sources/http-client.js";
import { startUpstreamServer, type UpstreamServer } from "../fakes/upstream-server.js";
import { fixture } from "./fixture.js";

const logger = createSilentLogger();
let server: UpstreamServer;
const http = createHttpClient({ timeoutMs: 2000, retries: 2, userAgent: "papers-bot-test", logger, sleep: async () => undefined });

beforeEach(async () => {
  server = await startUpstreamServer();
});
afterEach(async () => {
  await server.close();
});

/** `n` synthetic daily-paper items shaped like the recorded ones. */
function items(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({ paper: { id: `2606.${String(10000 + i)}`, title: `Paper ${i}`, upvotes: i } }));
}

describe("createHfDailyPapersSource", () => {
  it("always passes date, limit=100 and pages until a short page", async () => {
    server.setDay("2026-06-12", items(230));
    const hf = createHfDailyPapersSource({ http, baseUrl: `${server.url}/`, logger });
    const batch = await hf.fetchDay("2026-06-12");
    expect(batch.papers).toHaveLength(230);
    expect(new Set(batch.papers.map((p) => p.id)).size).toBe(230);
    expect(batch.papers.every((p) => p.dailyDate === "2026-06-12" && p.source === "hf")).toBe(true);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/daily_papers?date=2026-06-12&limit=100&p=0",
      "/api/daily_papers?date=2026-06-12&limit=100&p=1",
      "/api/daily_papers?date=2026-06-12&limit=100&p=2",
    ]);
  });

  it("asks for one more page after an exactly full page, and treats [] as an empty day", async () => {
    server.setDay("2026-06-13", items(100));
    const hf = createHfDailyPapersSource({ http, baseUrl: server.url, logger });
    expect((await hf.fetchDay("2026-06-13")).papers).toHaveLength(100);
    expect(server.requests).toHaveLength(2);
    expect(await hf.fetchDay("2026-08-01")).toEqual({ papers: [], bad: [] });
  });

  it("serves a recorded day and reports bad items by absolute position", async () => {
    const recorded = JSON.parse(fixture("hf-daily-papers-2026-07-31-date-allnewsai.json")) as unknown[];
    server.setDay("2026-07-31", [...items(100), ...recorded, { paper: { title: "no id" } }]);
    const batch = await createHfDailyPapersSource({ http, baseUrl: server.url, logger }).fetchDay("2026-07-31");
    expect(batch.papers).toHaveLength(105);
    expect(batch.papers.map((p) => p.id)).toContain("2607.27958");
    expect(batch.bad).toEqual([{ ref: "#105", reason: "paper has no id" }]);
  });

  it("turns an HTML error page or a truncated body into BAD_RESPONSE", async () => {
    server.setDay("2026-06-12", items(3));
    const hf = createHfDailyPapersSource({ http, baseUrl: server.url, logger });
    server.queueFaults("daily", { kind: "html" });
    await expect(hf.fetchDay("2026-06-12")).rejects.toMatchObject({ code: "BAD_RESPONSE", message: expect.stringMatching(/HTML page/) });
    server.queueFaults("daily", { kind: "truncate" });
    await expect(hf.fetchDay("2026-06-12")).rejects.toMatchObject({ code: "BAD_RESPONSE", message: expect.stringMatching(/not valid JSON/) });
  });

  it("rejects a malformed day before any request", async () => {
    const hf = createHfDailyPapersSource({ http, baseUrl: server.url, logger });
    await expect(hf.fetchDay("2026-02-30")).rejects.toMatchObject({ code: "INVALID_ARGS" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("arXiv clients and the shared limiter", () => {
  it("keeps at least minIntervalMs between arXiv requests, one at a time, across API and RSS", async () => {
    const interval = 60;
    server.setApi(fixture("arxiv-api-2026-07-17-new-format-journalref-doi-oldids.xml"));
    server.setRss("cs.LG+cs.AI+cs.CL+stat.ML", fixture("arxiv-rss-2026-09-24-multicat-new-cross-replace-rss2.xml"));
    const limiter = createArxivLimiter(interval);
    const api = createArxivApiClient({ http, baseUrl: server.url, limiter, logger });
    const rss = createArxivRssSource({ http, baseUrl: server.url, categories: ["cs.LG", "cs.AI", "cs.CL", "stat.ML"], limiter, logger });
    await Promise.all([api.lookup("1509.01687"), rss.fetchListing(), api.lookup("q-bio/0509018v2"), rss.fetchListing()]);
    const times = server.requests.map((r) => r.at);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(interval);
    expect(server.requests.map((r) => r.route)).toEqual(["api", "rss", "api", "rss"]);
  });

  it("spaces retries through the limiter too", async () => {
    server.setRss("cs.CL", fixture("arxiv-rss-2026-04-27-cs.CL-rss2.xml"));
    server.queueFaults("rss", { kind: "status", status: 503 });
    const rss = createArxivRssSource({ http, baseUrl: server.url, categories: ["cs.CL"], limiter: createArxivLimiter(40), logger });
    const listing = await rss.fetchListing();
    expect(listing.papers).toHaveLength(3);
    const [a, b] = server.requests;
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(40);
  });

  it("lookup asks id_list for the versionless id and returns the matching paper, or null", async () => {
    server.setApi((q) => (q.get("id_list") === "q-bio/0509018" ? fixture("arxiv-api-2026-07-17-new-format-journalref-doi-oldids.xml") : fixture("arxiv-api-2026-06-14-new-format-transformer-cs.LG.xml").replace(/<entry>[\s\S]*<\/entry>/, "")));
    const api = createArxivApiClient({ http, baseUrl: server.url, limiter: createArxivLimiter(0), logger });
    const paper = await api.lookup("https://arxiv.org/abs/q-bio/0509018v2");
    expect(paper).toMatchObject({ id: "q-bio/0509018", version: 2, source: "arxiv-api" });
    expect(server.requests[0]?.url).toBe("/api/query?id_list=q-bio/0509018&start=0&max_results=1");
    expect(await api.lookup("2601.99999")).toBeNull();
    expect(await api.lookup("not an id")).toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it("fetchByIds batches id_list, dedupes, and reports unparseable ids", async () => {
    server.setApi(fixture("arxiv-api-2025-10-17-legacy-format-cat-cs.RO.xml"));
    const api = createArxivApiClient({ http, baseUrl: server.url, limiter: createArxivLimiter(0), logger });
    const ids = [...Array.from({ length: 150 }, (_, i) => `2510.${String(10000 + i)}`), "2510.10000v2", "nonsense"];
    const batch = await api.fetchByIds(ids);
    const lists = server.requests.map((r) => new URL(r.url, server.url).searchParams.get("id_list")!.split(","));
    expect(lists.map((l) => l.length)).toEqual([100, 50]);
    expect(new URL(server.requests[1]!.url, server.url).searchParams.get("max_results")).toBe("50");
    expect(batch.bad).toEqual([{ ref: "nonsense", reason: "not an arXiv id" }]);
    expect(batch.papers.map((p) => p.id)).toEqual(["2510.14968", "2510.14827", "2510.14968", "2510.14827"]);
  });

  it("RSS hits /rss/<cats joined by +> and returns the listing day", async () => {
    server.setRss("cs.CL", fixture("arxiv-rss-2026-08-01-cs.CL-weekend-empty-rss2.xml"));
    const rss = createArxivRssSource({ http, baseUrl: server.url, categories: ["cs.CL"], limiter: createArxivLimiter(0), logger });
    expect(await rss.fetchListing()).toEqual({ papers: [], bad: [], listingDay: "2026-08-01" });
    expect(server.requests[0]?.url).toBe("/rss/cs.CL");
  });

  it("a 404 feed is UPSTREAM, a truncated feed is BAD_RESPONSE", async () => {
    const rss = createArxivRssSource({ http, baseUrl: server.url, categories: ["cs.XX"], limiter: createArxivLimiter(0), logger });
    await expect(rss.fetchListing()).rejects.toMatchObject({ code: "UPSTREAM" } satisfies Partial<BotError>);
    server.setRss("cs.XX", fixture("arxiv-rss-2026-04-27-cs.CL-rss2.xml"));
    server.queueFaults("rss", { kind: "truncate" });
    await expect(rss.fetchListing()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstreamServer, type UpstreamServer } from "../fakes/upstream-server.js";
import { runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

describe("papers ingest against a local HF and arXiv, as a real process", () => {
  let upstream: UpstreamServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    upstream = await startUpstreamServer();
    dir = mkdtempSync(join(tmpdir(), "papers-ingest-"));
    const config = join(dir, "papers.json");
    writeFileSync(config, JSON.stringify(testConfig(join(dir, "papers.db"), upstream.url)));
    env = { PAPERS_CONFIG: config };
  });
  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backfills a past day from HF by date and from arXiv through the export API by submission date", async () => {
    upstream.setDay("2026-07-31", JSON.parse(fixture("hf-daily-papers-2026-07-31-date-allnewsai.json")) as unknown[]);
    upstream.setApi(fixture("arxiv-api-2026-06-14-new-format-transformer-cs.LG.xml"));
    const result = await runEntry("src/cli/cli.ts", ["ingest", "--date", "2026-07-31", "--json"], { env });
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as { source: string; day: string; status: string; papersNew: number }[];
    expect(runs.map((r) => [r.source, r.day, r.status, r.papersNew])).toEqual([
      ["hf", "2026-07-31", "ok", 5],
      ["arxiv-api", "2026-07-31", "ok", 5],
    ]);
    const hf = upstream.requests.find((r) => r.route === "daily");
    expect(hf?.url).toContain("date=2026-07-31");
    const api = new URL(upstream.requests.find((r) => r.route === "api")!.url, upstream.url);
    expect(api.searchParams.get("search_query")).toBe("(cat:cs.CL OR cat:cs.LG OR cat:cs.AI OR cat:cs.CV) AND submittedDate:[202607310000 TO 202607312359]");
    expect(api.searchParams.get("sortBy")).toBe("submittedDate");
  });

  it("an upstream that answers HTML records a failed run, exits 1, and keeps what was stored", async () => {
    upstream.queueFaults("daily", { kind: "html" });
    const before = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as unknown[];
    const result = await runEntry("src/cli/cli.ts", ["ingest", "--source", "hf", "--date", "2026-07-31"], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^hf 2026-07-31: failed — /m);
    const after = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as unknown[];
    expect(after).toHaveLength(5);
    expect(after).toEqual(before);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgDatabase } from "../../src/db/pg/open-pg-database.js";
import { startUpstreamServer, type UpstreamServer } from "../fakes/upstream-server.js";
import { runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";
import { freePort } from "../helpers/pg-server.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");


describe("DATABASE_URL / database.url select Postgres for the CLI and npm start, as real processes", () => {
  let upstream: UpstreamServer;
  let dir: string;
  let config: string;
  let pg: TempPgDatabase;

  beforeAll(async () => {
    upstream = await startUpstreamServer();
    dir = mkdtempSync(join(tmpdir(), "papers-dburl-"));
    config = join(dir, "papers.json");
    writeFileSync(config, JSON.stringify(testConfig(join(dir, "papers.db"), upstream.url)));
    pg = tempPg();
    await pg.create();
  });
  afterAll(async () => {
    await upstream.close();
    await pg.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the CLI on Postgres (migrated at start), leaving no SQLite file", async () => {
    upstream.setDay("2026-07-31", JSON.parse(fixture("hf-daily-papers-2026-07-31-date-allnewsai.json")) as unknown[]);
    const env = { PAPERS_CONFIG: config, DATABASE_URL: pg.url };
    const ingest = await runEntry("src/cli/cli.ts", ["ingest", "--source", "hf", "--date", "2026-07-31", "--json"], { env });
    expect(ingest.code).toBe(0);
    const today = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as unknown[];
    expect(today).toHaveLength(5);
    const db = await openPgDatabase(pg.url);
    try {
      expect((await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM papers")).rows[0]?.n).toBe(5);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, "papers.db"))).toBe(false);
  });

  it("starts the bot on Postgres from database.url in the config file, and says so without the password", async () => {
    const withUrl = join(dir, "pg.json");
    writeFileSync(withUrl, JSON.stringify({ ...testConfig(join(dir, "papers.db"), upstream.url), database: { url: pg.url } }));
    const result = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: withUrl }, input: "search agents\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/store: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/papers_[0-9a-f]+/);
    expect(result.stdout).not.toContain("papers-test");
    expect(existsSync(join(dir, "papers.db"))).toBe(false);
  });

  it.each([
    ["DATABASE_URL", { DATABASE_URL: "mysql://u:p@127.0.0.1/db" }, /^papers-bot: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/ \(got mysql:\/\/\); unset it to use SQLite\.\n$/],
    ["DATABASE_URL", { DATABASE_URL: "data/papers.db" }, /^papers-bot: DATABASE_URL is not a URL; set it to postgres:\/\//],
  ])("refuses a %s that is not Postgres in one line, for npm start and the CLI", async (_name, extra, message) => {
    const env = { PAPERS_CONFIG: config, ...extra };
    for (const entry of ["src/main.ts", "src/cli/cli.ts"]) {
      const result = await runEntry(entry, entry.endsWith("cli.ts") ? ["today"] : [], { env, input: "" });
      expect(result.code, entry).toBe(78);
      expect(result.stderr, entry).toMatch(message);
    }
  });

  it("names database.url when the config file's URL is not Postgres", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...testConfig(join(dir, "papers.db"), upstream.url), database: { url: "sqlite://x.db" } }));
    const result = await runEntry("src/cli/cli.ts", ["today"], { env: { PAPERS_CONFIG: bad } });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^papers-bot: database\.url must start with postgres:\/\/ or postgresql:\/\/ \(got sqlite:\/\/\); unset it to use SQLite\.\n$/);
  });

  it("says in one line, naming the setting and not the password, when the server does not answer", async () => {
    const url = `postgres://bot:s3cret@127.0.0.1:${await freePort()}/papers`;
    const start = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: config, DATABASE_URL: url }, input: "" });
    expect(start.code).toBe(78);
    expect(start.stderr).toMatch(/^papers-bot: The Postgres server at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/papers \(DATABASE_URL \(or database\.url in the config file\)\) did not answer: .+\. Start it or fix the URL\.\n$/);
    const cli = await runEntry("src/cli/cli.ts", ["today"], { env: { PAPERS_CONFIG: config, DATABASE_URL: url } });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^papers: The Postgres server at .+ did not answer: .+\n$/);
    expect(`${start.stderr}${cli.stderr}`).not.toContain("s3cret");
  });
});

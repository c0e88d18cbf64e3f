import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";

const NOPE = '"nope" is not an arXiv id or link. Use an id like 2410.17243 (or q-bio/0509018), or an arxiv.org / huggingface.co/papers link.';

describe("a refused CLI command, as a real process", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-cli-refusal-"));
    const config = join(dir, "papers.json");
    // The default log level (info), as a fresh install has it.
    const body = testConfig(join(dir, "papers.db"));
    delete body.log;
    writeFileSync(config, JSON.stringify(body));
    env = { PAPERS_CONFIG: config };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("papers summary nope exits 1 with one line on stderr and nothing on stdout", async () => {
    const result = await runEntry("src/cli/cli.ts", ["summary", "nope"], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`papers: ${NOPE}\n`);
  });

  it("papers ingest --source with a wrong value is refused in one line, exit 1", async () => {
    const result = await runEntry("src/cli/cli.ts", ["ingest", "--source", "nasa"], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('papers: --source takes hf, arxiv or all, not "nasa".\n');
  });

  it("papers search takes -excluded words as query syntax and refuses a mistyped --flag", async () => {
    const excluded = await runEntry("src/cli/cli.ts", ["search", "memory", "-survey", "--json"], { env });
    expect(excluded.code).toBe(0);
    expect(JSON.parse(excluded.stdout)).toEqual([]);
    const typo = await runEntry("src/cli/cli.ts", ["search", "memory", "--jsn"], { env });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe("papers: Unknown option --jsn; see papers --help (words starting with a single - are excluded words).\n");
  });

  it("the refusal reaches the log only when more verbose logging is asked for", async () => {
    const result = await runEntry("src/cli/cli.ts", ["summary", "nope"], { env: { ...env, LOG_LEVEL: "info" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, code: "INVALID_ARGS", msg: "command refused" });
    expect(lines[1]).toBe(`papers: ${NOPE}`);
  });

  it("an answered command still exits 0 and prints on stdout", async () => {
    const result = await runEntry("src/cli/cli.ts", ["today"], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/No papers are stored yet/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../helpers/test-app.js";
import { runEntry } from "../helpers/run-process.js";

describe("npm start and the papers CLI, as real processes", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-e2e-"));
    const config = join(dir, "papers.json");
    writeFileSync(config, JSON.stringify(testConfig(join(dir, "papers.db"))));
    env = { PAPERS_CONFIG: config };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("offline, the shell loads the bundled sample, prints the listing and answers piped commands", async () => {
    const input = ["/papers today", "search memory", "summary 2607.28582", "subscribe tokenization", "topics", "frobnicate"].join("\n") + "\n";
    const result = await runEntry("src/main.ts", [], { env, input });
    expect(result.code).toBe(0);
    const stdout = result.stdout.replace(/\s+/g, " "); // the shell wraps lines at 80 columns when piped
    expect(stdout).toContain("Could not reach 127.0.0.1:9 (it did not answer), so this is the bundled sample of 19 recorded papers; try again in a few minutes.");
    expect(stdout).toContain("== Papers for 2026-07-31 ==");
    expect(stdout).toContain("β-OPSD: Deriving with Policy Optimization, Training with Self-Distillation");
    expect(stdout).toContain("Σ-Mem");
    expect(stdout).toMatch(/Subscribed this channel to tokenization\. None of the \d+ papers listed from 2026-07-25 to 2026-09-24 matched it; the closest is "Signal2Symbol: /);
    expect(stdout).not.toMatch(/check the spelling|try a broader topic/);
    expect(stdout).toMatch(/There is no \/papers frobnicate command/);
  });

  it("papers today/search/match/summary --json print objects with id, title and upvotes", async () => {
    const today = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as { id: string; title: string; upvotes: number }[];
    expect(today[0]).toMatchObject({ id: "2607.28582", upvotes: 17 });
    expect(today.every((p) => typeof p.title === "string")).toBe(true);
    const search = JSON.parse((await runEntry("src/cli/cli.ts", ["search", "memory", "--json"], { env })).stdout) as { id: string }[];
    expect(search.length).toBeGreaterThan(0);
    const match = JSON.parse((await runEntry("src/cli/cli.ts", ["match", "memory", "--json"], { env })).stdout) as { id: string; why: string }[];
    expect(match.every((m) => typeof m.why === "string" && m.why.length > 0)).toBe(true);
    const summary = JSON.parse((await runEntry("src/cli/cli.ts", ["summary", "https://arxiv.org/abs/2607.28582v1", "--json"], { env })).stdout) as { id: string; upvotes: number; summary: string[] };
    expect(summary).toMatchObject({ id: "2607.28582", upvotes: 17 });
  });

  it("ingest --file reports bad files without losing stored papers", async () => {
    const html = join(dir, "error.html");
    writeFileSync(html, "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");
    const before = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as unknown[];
    const result = await runEntry("src/cli/cli.ts", ["ingest", "--file", html], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed: /);
    const after = JSON.parse((await runEntry("src/cli/cli.ts", ["today", "--date", "2026-07-31", "--json"], { env })).stdout) as unknown[];
    expect(after).toEqual(before);
  });

  it("a config with a wrong type or an unknown key stops the bot with the key and the fix", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ database: { path: 42 }, sources: { hf: { refetchDayz: 3 } } }));
    const result = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: bad } });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/"database\.path": .*string/);
    expect(result.stderr).toMatch(/unknown key "sources\.hf\.refetchDayz": remove it or check its spelling/);
  });
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../../src/adapters/shell/render-text.js";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { runEntry } from "../helpers/run-process.js";
import { createTestApp, say, testConfig } from "../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const HF_FILES = readdirSync(FIXTURES).filter((f) => f.startsWith("hf-daily-papers-")).map((f) => join(FIXTURES, f));

/** Whitespace-collapsed, lower-cased, so an excerpt can be looked up in the text it came from. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
/** The excerpt's pieces between the `…` cut marks. */
const pieces = (snippet: string) => snippet.split("…").map(flat).filter((p) => p.length > 0);

describe("the papers CLI over the ingested fixtures: search excerpts with many hits, and queries with nothing to match on", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "papers-excerpts-"));
    const config = join(dir, "papers.json");
    writeFileSync(config, JSON.stringify(testConfig(join(dir, "papers.db"))));
    env = { PAPERS_CONFIG: config };
    const ingest = await runEntry("src/cli/cli.ts", ["ingest", "--file", ...HF_FILES], { env });
    expect(ingest.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("papers search agents --json gives each result an excerpt from its own title or abstract", async () => {
    const result = await runEntry("src/cli/cli.ts", ["search", "agents", "--limit", "20", "--json"], { env });
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as { id: string; snippet: string }[];
    expect(hits.length).toBeGreaterThanOrEqual(5);
    const app = createTestApp();
    try {
      for (const file of HF_FILES) await ingestFile(app.core.ingests, file);
      for (const hit of hits) {
        const paper = await app.ports.papers.get(hit.id);
        expect(paper, hit.id).not.toBeNull();
        const own = flat(`${paper!.title} ${paper!.abstract}`);
        for (const piece of pieces(hit.snippet)) expect(own, `${hit.id}: ${hit.snippet}`).toContain(piece);
      }
      expect(new Set(hits.map((h) => h.snippet)).size).toBe(hits.length);
    } finally {
      app.cleanup();
    }
  });

  it("papers search refuses a search of only common words, exiting 1 with why", async () => {
    const result = await runEntry("src/cli/cli.ts", ["search", "the", "OR", "of", "--json"], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Searches need at least one content word; "the" and "of" are too common to match on\./);
  });

  it("papers match refuses a topic of only common words", async () => {
    const result = await runEntry("src/cli/cli.ts", ["match", "and", "--json"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Topics need at least one content word; "and" is too common to match on\./);
  });

  it("papers today --topic refuses a topic of only common words, exiting 1 with why", async () => {
    const result = await runEntry("src/cli/cli.ts", ["today", "--topic", "the OR of", "--json"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Topics need at least one content word; "the" and "of" are too common to match on\. Try: \/papers today tokenization/);
  });

  it("the shell's search reply shows each card with an excerpt of its own paper", async () => {
    const app = createTestApp({ now: "2026-08-04T09:00:00Z" });
    try {
      for (const file of HF_FILES) expect((await ingestFile(app.core.ingests, file)).status).toBe("ok");
      const reply = await say(app, "search agents");
      const cards = reply.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper] : []));
      expect(cards.length).toBe(5);
      const text = flat(renderText(reply));
      for (const card of cards) {
        const paper = (await app.ports.papers.get(card.id))!;
        const own = flat(`${paper.title} ${paper.abstract}`);
        expect(card.snippet).toBeTruthy();
        for (const piece of pieces(card.snippet!)) expect(own, `${card.id}: ${card.snippet}`).toContain(piece);
        expect(text).toContain(pieces(card.snippet!)[0]!.slice(0, 40));
      }
      expect(new Set(cards.map((c) => c.snippet)).size).toBe(cards.length);
    } finally {
      app.cleanup();
    }
  });
});

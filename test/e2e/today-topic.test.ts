import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShellAdapter } from "../../src/adapters/shell/shell-adapter.js";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { runEntry } from "../helpers/run-process.js";
import { createTestApp, testConfig } from "../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const HF_0731 = join(FIXTURES, "hf-daily-papers-2026-07-31-date-allnewsai.json");
const HF_0803 = join(FIXTURES, "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json");

/** Types `lines` into the real shell adapter over a real app and returns what it printed. */
async function typeIntoShell(app: ReturnType<typeof createTestApp>, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString()));
  const shell = createShellAdapter({ input, output, interactive: false, conversation: "shell:local:test", user: "alice" });
  await shell.start(app.core);
  input.end(lines.map((l) => `${l}\n`).join(""));
  await shell.finished;
  return printed;
}

describe("today <topic> without a date", () => {
  describe("in the shell", () => {
    let app: ReturnType<typeof createTestApp>;
    beforeAll(async () => {
      app = createTestApp({ now: "2026-08-04T09:00:00Z" });
      for (const file of [HF_0731, HF_0803]) await ingestFile(app.core.ingests, file);
    });
    afterAll(() => app.cleanup());

    it("reads a lone word as the topic of the latest day", async () => {
      const out = await typeIntoShell(app, ["/papers today alignment"]);
      expect(out).toContain("== Papers for 2026-08-03 about alignment ==");
      expect(out).toContain("Constitutional Midtraining");
      expect(out).not.toMatch(/YYYY-MM-DD/);
    });

    it.each(["today 2026-07-31 memory", "today memory 2026-07-31"])("takes the date wherever it stands: %s", async (line) => {
      const out = await typeIntoShell(app, [line]);
      expect(out).toContain("== Papers for 2026-07-31 about memory ==");
      expect(out).toContain("Σ-Mem");
    });

    it("still gives the date message for a malformed date", async () => {
      const out = await typeIntoShell(app, ["today 2026-13-45", "today 2026-13-45 memory"]);
      const message = "Dates are written YYYY-MM-DD, e.g. 2026-07-31. Usage: /papers today [date] [topic]";
      expect(out.trim().replace(/\s+/g, " ")).toBe(`${message} ${message}`); // the shell wraps at 80 columns
      expect(out.trim().split("\n")).toHaveLength(4);
    });
  });

  describe("in the papers CLI, as a real process", () => {
    let dir: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "papers-today-topic-"));
      const config = join(dir, "papers.json");
      writeFileSync(config, JSON.stringify(testConfig(join(dir, "papers.db"))));
      env = { PAPERS_CONFIG: config };
      const ingest = await runEntry("src/cli/cli.ts", ["ingest", "--file", HF_0731, HF_0803], { env });
      expect(ingest.code).toBe(0);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("papers today --topic T lists the latest day's papers about T", async () => {
      const result = await runEntry("src/cli/cli.ts", ["today", "--topic", "alignment"], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("== Papers for 2026-08-03 about alignment ==");
      expect(result.stdout).toContain("Constitutional Midtraining");
    });

    it("papers today --topic T --date D lists that day's", async () => {
      const result = await runEntry("src/cli/cli.ts", ["today", "--topic", "memory", "--date", "2026-07-31"], { env });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("== Papers for 2026-07-31 about memory ==");
      expect(result.stdout).toContain("Σ-Mem");
    });

    it("papers today --topic with a date-shaped topic keeps it a topic (flags are not re-parsed as text)", async () => {
      const result = await runEntry("src/cli/cli.ts", ["today", "--topic", "2026-07-31"], { env });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/2026-08-03 papers is about 2026-07-31/);
    });
  });
});

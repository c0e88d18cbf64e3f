import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, runAll } from "../../bench/run-all.js";

// Keeps the benchmark suite from rotting: the quick run exercises every benchmark on tiny
// data. It asserts that the report is written with its tables, never a time.
describe("benchmark suite, quick run", () => {
  it("runs every benchmark and writes the report table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papers-bench-"));
    const out = join(dir, "BENCHMARKS.md");
    try {
      await runAll({ ...parseArgs(["--quick"]), out });
      const text = readFileSync(out, "utf8");
      expect(text).toContain("| Benchmark | Ours | Baseline (same run) | Ratio | Target | Met |");
      for (const heading of ["## Ingest", "## Search", "## Topic matching", "## Fan-out", "## Footprint"]) expect(text).toContain(heading);
      expect(text).toMatch(/Machine: \d+ cores/);
      expect(text).toContain("Command: `");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

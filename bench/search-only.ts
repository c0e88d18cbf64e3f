import { pathToFileURL } from "node:url";
import { log } from "./bench-env.js";
import { loadPgCorpus, openBenchPg } from "./pg-bench-store.js";
import { table } from "./report.js";
import { runSearchBench } from "./search-bench.js";
import { buildWordModel } from "./word-model.js";

/** What the focused search run does. */
export interface SearchOnlyOptions {
  /** Corpus size (one size; default 100,000, the size the full bench runs Postgres at). */
  papers: number;
  /** Queries timed per store (default 300, as the full bench). */
  queries: number;
  /** Corpus seed (default 42, as the full bench, so the SQLite store cache is shared with it). */
  seed: number;
  /** Admin URL of a Postgres server to use instead of starting an embedded one. */
  pgUrl: string | null;
  /** Reuse database `bench_search_<n>` on that server when it already holds n papers (skips the ~2 min load; only with --pg-url). */
  reuse: boolean;
}

/** Parses `--papers N`, `--queries N`, `--seed N`, `--pg-url URL`, `--reuse`. */
export function parseSearchOnlyArgs(argv: readonly string[]): SearchOnlyOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    papers: Number(value("--papers") ?? 100_000),
    queries: Number(value("--queries") ?? 300),
    seed: Number(value("--seed") ?? 42),
    pgUrl: value("--pg-url") ?? null,
    reuse: argv.includes("--reuse"),
  };
}

/**
 * Only the search part of the bench, SQLite and Postgres at one size over the same queries,
 * in one run (the full `npm run bench` takes most of an hour): `npx tsx bench/search-only.ts`.
 * Prints the section's detail and headline tables to stdout; BENCHMARKS.md is not touched.
 */
export async function runSearchOnly(options: SearchOnlyOptions): Promise<string> {
  const model = buildWordModel();
  const pg = await openBenchPg(options.pgUrl ?? undefined);
  try {
    const section = await runSearchBench(model, {
      sizes: [options.papers],
      queries: options.queries,
      seed: options.seed,
      librariesAt: () => false,
      beforeQueries: () => options.queries,
      window: 20_000,
      pgServer: pg.describe,
      pgAt: async (n) => {
        const name = `bench_search_${n}`;
        const db = options.reuse && options.pgUrl ? await pg.openDb(name) : await pg.createDb(name);
        const have = Number((await db.database.pool.query<{ n: string }>("SELECT count(*) AS n FROM papers")).rows[0]?.n ?? 0);
        if (have === n) {
          log(`postgres: reusing ${name} (${n.toLocaleString("en-US")} papers)`);
          return { store: db.stores.papers, loadSeconds: Number.NaN, pool: db.database.pool };
        }
        log(`postgres: loading ${n.toLocaleString("en-US")} papers through the Postgres PaperStore.upsert`);
        return { store: db.stores.papers, loadSeconds: await loadPgCorpus(db, model, options.seed, n), pool: db.database.pool };
      },
    });
    return [`## ${section.title}`, "", table(section.headers, section.rows), "", table(["Benchmark", "Ours", "Baseline", "Ratio"], section.summary.map((r) => [r.bench, r.ours, r.baseline, r.ratio])), ""].join("\n");
  } finally {
    await pg.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSearchOnly(parseSearchOnlyArgs(process.argv.slice(2))).then(
    (text) => {
      process.stdout.write(text);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`search bench failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

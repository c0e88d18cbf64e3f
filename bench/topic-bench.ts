import { rmSync } from "node:fs";
import type { Paper } from "../src/core/papers/paper.js";
import { indexPapers, matchIndexed } from "../src/core/topics/index-papers.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../src/core/topics/prepare-paper.js";
import { prepareQuery, type CompiledQuery } from "../src/core/topics/prepare-query.js";
import { compileMatch } from "../src/db/fts-query.js";
import { openDatabase } from "../src/db/open-database.js";
import { createSqlitePaperStore } from "../src/db/sqlite-paper-store.js";
import { createSqliteSubscriptionStore } from "../src/db/sqlite-subscription-store.js";
import type { Subscription, SubscriptionStore } from "../src/core/topics/subscription-store.js";
import { benchPath, log } from "./bench-env.js";
import { generatePapers, generateTopics } from "./corpus.js";
import type { BenchPg } from "./pg-bench-store.js";
import { createPgTopicRun, type PgTopicRun } from "./pg-topic-run.js";
import type { Section, SummaryRow } from "./report.js";
import { fmt, mb, median, settledHeap } from "./stats.js";
import { removeDb } from "./store-cache.js";
import type { WordModel } from "./word-model.js";

/** Sizes for the topic-matching bench. */
export interface TopicOptions {
  /** New papers of the day. */
  papers: number;
  /** Subscription counts to run. */
  subscriptions: number[];
  /** Repetitions of our path (median reported); the baseline runs once. */
  repeats: number;
  /** Seed. */
  seed: number;
  /** When given, the same papers and subscriptions also go into a database on this Postgres server, and both paths run there too. */
  pg?: BenchPg;
}

interface Measured {
  ms: number;
  peakHeap: number;
  peakRss: number;
  pairs: number;
}

/** Runs `work`, calling `sample` from inside it, and returns time and peak heap/RSS growth. */
async function measure(work: (sample: () => void) => number | Promise<number>): Promise<Measured> {
  const heap0 = settledHeap();
  const rss0 = process.memoryUsage.rss();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - heap0);
    peakRss = Math.max(peakRss, m.rss - rss0);
  };
  const t = performance.now();
  const pairs = await work(sample);
  const ms = performance.now() - t;
  sample();
  return { ms, peakHeap, peakRss, pairs };
}

/** Our path: read every subscription from `subs`, index the day's papers once, compile each distinct topic once, match through the index. */
function matchEveryone(subs: SubscriptionStore, stored: Paper[]): Promise<Measured> {
  return measure(async (sample) => {
    const all = await subs.listAll();
    const index = indexPapers(stored.map(preparePaper));
    const compiled = new Map<string, CompiledQuery | null>();
    let pairs = 0;
    all.forEach((s, i) => {
      let c = compiled.get(s.topic);
      if (c === undefined) {
        try {
          c = prepareQuery(parseTopicQuery(s.topic), index.terms);
        } catch {
          c = null;
        }
        compiled.set(s.topic, c);
      }
      if (c) pairs += matchIndexed(c, index).length;
      if (i % 1000 === 0) sample();
    });
    return pairs;
  });
}

/** Topic matching for one daily post: N subscriptions against the day's papers, indexed batch path vs one FTS query per subscription. */
export async function runTopicBench(model: WordModel, options: TopicOptions): Promise<Section> {
  const papers = generatePapers(model, options.seed + 7, 0, options.papers, options.papers).map((p, i) => ({ ...p, id: `2607.${String(i + 1).padStart(5, "0")}`, dailyDate: "2026-07-01" }));
  const path = benchPath(`topics-${options.papers}-s${options.seed}.db`);
  removeDb(path);
  const db = openDatabase(path);
  await createSqlitePaperStore(db).upsert(papers);
  const stored = await createSqlitePaperStore(db).getMany(papers.map((p) => p.id));
  const subs = createSqliteSubscriptionStore(db);
  const ftsIds = db.sqlite.prepare<[string], number>("SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?").pluck();
  const rows: string[][] = [];
  const summary: SummaryRow[] = [];
  const onPg: PgTopicRun | null = options.pg ? await createPgTopicRun(options.pg, `bench_topics_${options.papers}`, papers) : null;
  let added = 0;
  for (const n of options.subscriptions) {
    const topics = generateTopics(model, options.seed + 2, n);
    const fresh: Subscription[] = [];
    for (let i = added; i < n; i += 1) fresh.push({ conversation: `discord:G${i % 500}:C${i}`, platform: "discord", workspace: `G${i % 500}`, topic: topics[i]!, addedBy: "bench", addedAt: "2026-07-01T00:00:00Z" });
    added = n;
    // The SQLite store runs each add synchronously when called, so one transaction wraps them all.
    db.sqlite.transaction(() => {
      for (const sub of fresh) void subs.add(sub);
    })();
    log(`topics: ${options.papers} papers × ${n.toLocaleString("en-US")} subscriptions`);
    const ours = () => matchEveryone(subs, stored);
    const runs: Measured[] = [];
    for (let r = 0; r < options.repeats; r += 1) runs.push(await ours());
    const best = runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
    const base = await measure(async (sample) => {
      let pairs = 0;
      (await subs.listAll()).forEach((s, i) => {
        let match: string | null = null;
        try {
          match = compileMatch(parseTopicQuery(s.topic));
        } catch {
          match = null;
        }
        if (match) pairs += ftsIds.all(match).length;
        if (i % 1000 === 0) sample();
      });
      return pairs;
    });
    const distinct = new Set(topics).size;
    rows.push([n.toLocaleString("en-US"), distinct.toLocaleString("en-US"), "ours: indexPapers + matchIndexed (memo per topic)", fmt(median(runs.map((r) => r.ms)), 0), `${mb(best.peakHeap)} / ${mb(best.peakRss)}`, best.pairs.toLocaleString("en-US")]);
    rows.push([n.toLocaleString("en-US"), distinct.toLocaleString("en-US"), "baseline: one FTS5 query per subscription", fmt(base.ms, 0), `${mb(base.peakHeap)} / ${mb(base.peakRss)}`, base.pairs.toLocaleString("en-US")]);
    const ms = median(runs.map((r) => r.ms));
    summary.push({
      bench: `Topic matching: ${options.papers} papers × ${n.toLocaleString("en-US")} subscriptions (ms)`,
      ours: `${fmt(ms, 0)} (peak heap +${mb(best.peakHeap)})`,
      baseline: `${fmt(base.ms, 0)} (FTS query per subscription)`,
      ratio: base.ms >= ms ? `${fmt(base.ms / ms, 1)}× faster` : `${fmt(ms / base.ms, 1)}× slower`,
      target: n >= 100_000 ? "< 2 s for 100k" : "–",
      met: n >= 100_000 ? ms < 2000 : null,
    });
    if (onPg) {
      log(`topics on postgres: adding ${fresh.length.toLocaleString("en-US")} subscriptions through the Postgres SubscriptionStore`);
      await onPg.add(fresh);
      const pgRuns: Measured[] = [];
      for (let r = 0; r < options.repeats; r += 1) pgRuns.push(await matchEveryone(onPg.subscriptions, onPg.stored));
      const pgMs = median(pgRuns.map((r) => r.ms));
      const pgBest = pgRuns.sort((a, b) => a.ms - b.ms)[Math.floor(pgRuns.length / 2)]!;
      const pgBase = await measure((sample) => onPg.baseline(sample));
      log(`topics on postgres: ${n.toLocaleString("en-US")} subscriptions: ours ${fmt(pgMs, 0)} ms, one tsquery per subscription ${fmt(pgBase.ms, 0)} ms`);
      rows.push([n.toLocaleString("en-US"), distinct.toLocaleString("en-US"), "Postgres: ours (subscriptions read from Postgres)", fmt(pgMs, 0), `${mb(pgBest.peakHeap)} / ${mb(pgBest.peakRss)}`, pgBest.pairs.toLocaleString("en-US")]);
      rows.push([n.toLocaleString("en-US"), distinct.toLocaleString("en-US"), "Postgres: baseline, one tsquery per subscription", fmt(pgBase.ms, 0), `${mb(pgBase.peakHeap)} / ${mb(pgBase.peakRss)}`, pgBase.pairs.toLocaleString("en-US")]);
      summary.push({
        bench: `Topic matching on Postgres: ${options.papers} papers × ${n.toLocaleString("en-US")} subscriptions (ms)`,
        ours: `${fmt(pgMs, 0)}; one tsquery per subscription ${fmt(pgBase.ms, 0)}`,
        baseline: `SQLite (same run): ${fmt(ms, 0)}; one FTS5 query per subscription ${fmt(base.ms, 0)}`,
        ratio: `pg/sqlite: ours ${fmt(pgMs / ms, 2)}×, per-subscription ${fmt(pgBase.ms / base.ms, 1)}×`,
        target: "–",
        met: null,
      });
    }
  }
  await onPg?.close();
  db.close();
  removeDb(path);
  rmSync(`${path}.json`, { force: true });
  return {
    title: "Topic matching for the daily post",
    notes: [
      `${options.papers} new papers (generated, stored, read back) against N channel subscriptions stored in SQLite; topics generated like searches (single words, phrases, two words, OR, exclusions), so many channels share popular single-word topics, as real ones do.`,
      `Ours: read all subscriptions, tokenise the papers once, build the inverted index, compile each distinct topic once, match through the index (median of ${options.repeats}). Time includes reading the subscriptions.`,
      "Baseline: one FTS5 MATCH per subscription against a store holding the same papers (the compiled full query, ids only). It cannot explain matches and has no scoring threshold, so its pair count differs.",
      "Peak memory: heap and RSS growth over a full-GC'd start, sampled every 1,000 subscriptions.",
      ...(onPg
        ? [
            "Postgres rows: the same papers (stored through the Postgres PaperStore.upsert and read back) and the same subscriptions (added through the Postgres SubscriptionStore.add) in a database on the bench's Postgres server, in the same run. Ours differs from SQLite only in where the subscriptions are read from (listAll over a pooled loopback connection); the matching is the same code. The baseline sends one full-text query per subscription (the compiled tsquery, ids only), so each pays a round trip.",
          ]
        : []),
    ],
    headers: ["subscriptions", "distinct topics", "path", "total ms", "peak heap / RSS growth", "(subscription, paper) matches"],
    rows,
    summary,
  };
}

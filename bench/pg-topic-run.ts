import type { Paper, PaperInput } from "../src/core/papers/paper.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import type { Subscription, SubscriptionStore } from "../src/core/topics/subscription-store.js";
import { queryPlan } from "../src/db/fts-query.js";
import { compilePgTsQuery } from "../src/db/pg/pg-search-query.js";
import type { BenchPg, PgBenchDb } from "./pg-bench-store.js";

/** Concurrent SubscriptionStore.add calls while loading (the pool has 10 connections). */
const ADD_CONCURRENCY = 8;

/** The topic bench's papers and subscriptions in a Postgres database, for both paths to run there. */
export interface PgTopicRun {
  /** The Postgres SubscriptionStore (our path reads every subscription from it). */
  subscriptions: SubscriptionStore;
  /** The day's papers as the Postgres PaperStore reads them back. */
  stored: Paper[];
  /** Adds subscriptions through the Postgres SubscriptionStore.add, a few at a time. */
  add(subs: readonly Subscription[]): Promise<void>;
  /** Baseline: one tsquery per subscription against the papers (the compiled full query, ids only); returns the (subscription, paper) pairs; `sample` every 1,000. */
  baseline(sample: () => void): Promise<number>;
  /** Closes the pool (the server drops the database at the end of the run). */
  close(): Promise<void>;
}

/** Creates database `name` on the bench server, stores the day's papers through the Postgres PaperStore.upsert and reads them back. */
export async function createPgTopicRun(server: BenchPg, name: string, papers: PaperInput[]): Promise<PgTopicRun> {
  const db: PgBenchDb = await server.createDb(name);
  const { papers: paperStore, subscriptions } = db.stores;
  await paperStore.upsert(papers);
  const stored = await paperStore.getMany(papers.map((p) => p.id));
  await db.database.pool.query("ANALYZE");
  return {
    subscriptions,
    stored,
    async add(subs) {
      let next = 0;
      const worker = async () => {
        while (next < subs.length) await subscriptions.add(subs[next++]!);
      };
      await Promise.all(Array.from({ length: ADD_CONCURRENCY }, worker));
    },
    async baseline(sample) {
      let pairs = 0;
      const all = await subscriptions.listAll();
      for (let i = 0; i < all.length; i += 1) {
        let plan = null;
        try {
          plan = queryPlan(parseTopicQuery(all[i]!.topic));
        } catch {
          plan = null;
        }
        if (plan) {
          const q = compilePgTsQuery(plan);
          pairs += (await db.database.pool.query(`SELECT p.id FROM papers p WHERE p.search @@ ${q.sql}`, q.params)).rowCount ?? 0;
        }
        if (i % 1000 === 0) sample();
      }
      return pairs;
    },
    close: () => db.database.close(),
  };
}

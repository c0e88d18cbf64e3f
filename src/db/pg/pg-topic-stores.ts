import type { FeedbackChange, FeedbackVote, TopicFeedbackStore } from "../../core/topics/channel-feedback.js";
import type { EmbeddingCache } from "../../core/topics/embeddings.js";
import type { AssociationCounts, TopicAssociationStore } from "../../core/topics/learn-associations.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { inTransaction } from "./in-transaction.js";

/** The EmbeddingCache port over Postgres: one JSON vector per key, written once. */
export function createPgEmbeddingCache(open: OpenPgDatabase, now: () => string): EmbeddingCache {
  const { pool } = open;
  return {
    async getMany(keys) {
      const out = new Map<string, number[]>();
      const unique = [...new Set(keys)];
      if (unique.length === 0) return out;
      const rows = await pool.query<{ cache_key: string; vector: string }>("SELECT cache_key, vector FROM embeddings WHERE cache_key = ANY($1::text[])", [unique]);
      for (const row of rows.rows) out.set(row.cache_key, JSON.parse(row.vector) as number[]);
      return out;
    },
    async putMany(entries) {
      if (entries.size === 0) return;
      const keys = [...entries.keys()];
      await pool.query("INSERT INTO embeddings (cache_key, vector, created_at) SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS u(k, v) ON CONFLICT (cache_key) DO NOTHING", [
        keys,
        keys.map((k) => JSON.stringify(entries.get(k))),
        now(),
      ]);
    },
  };
}

/** The TopicAssociationStore port over Postgres: additive co-occurrence counts (one atomic upsert per batch) and dropped terms. */
export function createPgTopicAssociationStore(open: OpenPgDatabase): TopicAssociationStore {
  const { pool } = open;
  return {
    async loadCounts(topicKeys) {
      const total = (await pool.query<{ papers: number }>("SELECT papers FROM topic_cooccurrence WHERE topic_key = '' AND term = ''")).rows[0]?.papers ?? 0;
      const counts: AssociationCounts = { papers: total, termPapers: new Map(), topics: new Map() };
      const keys = [...new Set(topicKeys)].filter((k) => k !== "");
      const terms = new Set<string>();
      if (keys.length > 0) {
        const rows = await pool.query<{ topic_key: string; term: string; papers: number }>("SELECT topic_key, term, papers FROM topic_cooccurrence WHERE topic_key = ANY($1::text[])", [keys]);
        for (const row of rows.rows) {
          let topic = counts.topics.get(row.topic_key);
          if (!topic) counts.topics.set(row.topic_key, (topic = { papers: 0, cooccur: new Map() }));
          if (row.term === "") topic.papers = row.papers;
          else {
            topic.cooccur.set(row.term, row.papers);
            terms.add(row.term);
          }
        }
      }
      if (terms.size > 0) {
        const rows = await pool.query<{ term: string; papers: number }>("SELECT term, papers FROM topic_cooccurrence WHERE topic_key = '' AND term = ANY($1::text[])", [[...terms]]);
        for (const row of rows.rows) counts.termPapers.set(row.term, row.papers);
      }
      return counts;
    },
    async addCounts(delta) {
      const rows: [string, string, number][] = [];
      if (delta.papers > 0) rows.push(["", "", delta.papers]);
      for (const [term, n] of delta.termPapers) rows.push(["", term, n]);
      for (const [key, topic] of delta.topics) {
        rows.push([key, "", topic.papers]);
        for (const [term, n] of topic.cooccur) rows.push([key, term, n]);
      }
      // One row per key per statement (Postgres updates a row once per statement): sum duplicates first.
      const summed = new Map<string, [string, string, number]>();
      for (const [k, t, n] of rows) {
        const id = `${k}\u0000${t}`;
        const prev = summed.get(id);
        summed.set(id, [k, t, (prev?.[2] ?? 0) + n]);
      }
      const all = [...summed.values()];
      if (all.length === 0) return;
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO topic_cooccurrence AS c (topic_key, term, papers) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
           ON CONFLICT (topic_key, term) DO UPDATE SET papers = c.papers + excluded.papers`,
          [all.map((r) => r[0]), all.map((r) => r[1]), all.map((r) => r[2])],
        );
      });
    },
    countedTopics: async () => new Set((await pool.query<{ topic_key: string }>("SELECT topic_key FROM topic_cooccurrence WHERE term = '' AND topic_key <> ''")).rows.map((r) => r.topic_key)),
    droppedTerms: async (conversation, topic) =>
      new Set((await pool.query<{ term: string }>('SELECT term FROM topic_dropped_terms WHERE conversation = $1 AND topic_key = $2 ORDER BY term COLLATE "C"', [conversation, topic])).rows.map((r) => r.term)),
    dropTerm: async (conversation, topic, term, by, at) =>
      ((await pool.query("INSERT INTO topic_dropped_terms (conversation, topic_key, term, dropped_by, dropped_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", [conversation, topic, term, by, at])).rowCount ?? 0) > 0,
  };
}

interface FeedbackRow {
  paper_id: string;
  user_id: string;
  kind: FeedbackVote["kind"];
  title: string;
  ai_keywords: string;
}

/** The TopicFeedbackStore port over Postgres: one row per (conversation, topic, paper, person); a later vote replaces the earlier one. */
export function createPgTopicFeedbackStore(open: OpenPgDatabase): TopicFeedbackStore {
  const { pool } = open;
  return {
    add: (conversation, topic, vote, at) =>
      inTransaction(pool, async (client): Promise<FeedbackChange> => {
        const before = (
          await client.query<{ kind: string }>("SELECT kind FROM topic_feedback WHERE conversation = $1 AND topic_key = $2 AND paper_id = $3 AND user_id = $4 FOR UPDATE", [
            conversation, topic, vote.paper.id, vote.actor.id,
          ])
        ).rows[0];
        if (before?.kind === vote.kind) return "unchanged";
        await client.query(
          `INSERT INTO topic_feedback (conversation, topic_key, paper_id, user_id, kind, title, ai_keywords, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (conversation, topic_key, paper_id, user_id) DO UPDATE SET kind = excluded.kind, title = excluded.title, ai_keywords = excluded.ai_keywords, at = excluded.at`,
          [conversation, topic, vote.paper.id, vote.actor.id, vote.kind, vote.paper.title, JSON.stringify(vote.paper.aiKeywords), at],
        );
        return before ? "changed" : "added";
      }),
    list: async (conversation, topic) =>
      (
        await pool.query<FeedbackRow>(
          'SELECT paper_id, user_id, kind, title, ai_keywords FROM topic_feedback WHERE conversation = $1 AND topic_key = $2 ORDER BY at COLLATE "C", paper_id COLLATE "C", user_id COLLATE "C"',
          [conversation, topic],
        )
      ).rows.map((r) => ({ actor: { id: r.user_id, isBot: false }, paper: { id: r.paper_id, title: r.title, aiKeywords: JSON.parse(r.ai_keywords) as string[] }, kind: r.kind })),
    removeUp: async (conversation, paperId, userId) =>
      (await pool.query("DELETE FROM topic_feedback WHERE conversation = $1 AND paper_id = $2 AND user_id = $3 AND kind = 'up'", [conversation, paperId, userId])).rowCount ?? 0,
  };
}

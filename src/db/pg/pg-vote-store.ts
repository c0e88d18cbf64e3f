import type { ReactionSource, Vote, VoteCount, VoteScope, VoteStore } from "../../core/votes/vote-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { inTransaction } from "./in-transaction.js";

/** `workspace = $n` or `conversation = $n` for a scope, and its value. */
function scopeFilter(scope: VoteScope, n: number): [string, string] {
  return "workspace" in scope ? [`workspace = $${n}`, scope.workspace] : [`conversation = $${n}`, scope.conversation];
}

/** Gives every vote without a source one (`command`/`button`, or `reaction:legacy`), as SQLite does on open: votes imported or copied from before sources existed. */
export const BACKFILL_VOTE_SOURCES = `INSERT INTO vote_sources (conversation, paper_id, user_id, source, workspace, at)
  SELECT v.conversation, v.paper_id, v.user_id, CASE v.via WHEN 'reaction' THEN 'reaction:legacy' ELSE v.via END, v.workspace, v.at FROM votes v
  WHERE NOT EXISTS (SELECT 1 FROM vote_sources s WHERE s.conversation = v.conversation AND s.paper_id = v.paper_id AND s.user_id = v.user_id)
  ON CONFLICT DO NOTHING`;

/**
 * The VoteStore port over Postgres, as SQLite's: `vote_sources` holds what holds each vote,
 * `votes` is the derived row (present while any source is); both change in one transaction.
 * Removing the last source locks the vote row first, so a concurrent add cannot be lost
 * between the "any source left?" check and the delete.
 */
export function createPgVoteStore(open: OpenPgDatabase): VoteStore {
  const { pool } = open;
  return {
    add: (vote: Vote) =>
      inTransaction(pool, async (client) => {
        await client.query(
          "INSERT INTO vote_sources (conversation, paper_id, user_id, source, workspace, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
          [vote.conversation, vote.paperId, vote.userId, vote.source ?? vote.via, vote.workspace, vote.at],
        );
        const result = await client.query(
          "INSERT INTO votes (conversation, paper_id, user_id, workspace, via, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
          [vote.conversation, vote.paperId, vote.userId, vote.workspace, vote.via, vote.at],
        );
        return (result.rowCount ?? 0) > 0;
      }),
    remove: (conversation, paperId, userId, source) =>
      inTransaction(pool, async (client) => {
        const key = [conversation, paperId, userId];
        await client.query("SELECT 1 FROM votes WHERE conversation = $1 AND paper_id = $2 AND user_id = $3 FOR UPDATE", key);
        if (source === undefined) await client.query("DELETE FROM vote_sources WHERE conversation = $1 AND paper_id = $2 AND user_id = $3", key);
        else await client.query("DELETE FROM vote_sources WHERE conversation = $1 AND paper_id = $2 AND user_id = $3 AND source = $4", [...key, source]);
        const left = await client.query("SELECT 1 FROM vote_sources WHERE conversation = $1 AND paper_id = $2 AND user_id = $3 LIMIT 1", key);
        if ((left.rowCount ?? 0) > 0) return false;
        return ((await client.query("DELETE FROM votes WHERE conversation = $1 AND paper_id = $2 AND user_id = $3", key)).rowCount ?? 0) > 0;
      }),
    reactionSources: async (conversation, paperId): Promise<ReactionSource[]> =>
      (
        await pool.query<ReactionSource>(
          `SELECT user_id AS "userId", source FROM vote_sources WHERE conversation = $1 AND paper_id = $2 AND source LIKE 'reaction%' ORDER BY user_id COLLATE "C", source COLLATE "C"`,
          [conversation, paperId],
        )
      ).rows,
    reactionVoters: async (conversation, paperId) =>
      (
        await pool.query<{ user_id: string }>(
          `SELECT user_id FROM vote_sources WHERE conversation = $1 AND paper_id = $2 AND source LIKE 'reaction%' GROUP BY user_id ORDER BY user_id COLLATE "C"`,
          [conversation, paperId],
        )
      ).rows.map((r) => r.user_id),
    async counts(scope, paperIds) {
      const result = new Map<string, number>(paperIds.map((id) => [id, 0]));
      const unique = [...new Set(paperIds)];
      if (unique.length === 0) return result;
      const [filter, value] = scopeFilter(scope, 1);
      const rows = await pool.query<{ paper_id: string; n: number }>(
        `SELECT paper_id, count(DISTINCT user_id)::int AS n FROM votes WHERE ${filter} AND paper_id = ANY($2::text[]) GROUP BY paper_id`,
        [value, unique],
      );
      for (const row of rows.rows) result.set(row.paper_id, row.n);
      return result;
    },
    async top(scope, since, limit): Promise<VoteCount[]> {
      if (limit <= 0) return [];
      const [filter, value] = scopeFilter(scope, 1);
      const rows = await pool.query<VoteCount>(
        `SELECT paper_id AS "paperId", count(DISTINCT user_id)::int AS votes FROM votes WHERE ${filter} AND at >= $2
         GROUP BY paper_id ORDER BY votes DESC, max(at) DESC, paper_id COLLATE "C" LIMIT $3`,
        [value, since, Math.trunc(limit)],
      );
      return rows.rows;
    },
  };
}

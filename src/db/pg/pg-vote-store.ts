import type { Vote, VoteCount, VoteScope, VoteStore } from "../../core/votes/vote-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

/** `workspace = $n` or `conversation = $n` for a scope, and its value. */
function scopeFilter(scope: VoteScope, n: number): [string, string] {
  return "workspace" in scope ? [`workspace = $${n}`, scope.workspace] : [`conversation = $${n}`, scope.conversation];
}

/** The VoteStore port over Postgres: one vote per (conversation, paper, user); a workspace count is its distinct users. */
export function createPgVoteStore(open: OpenPgDatabase): VoteStore {
  const { pool } = open;
  return {
    async add(vote: Vote) {
      const result = await pool.query(
        `INSERT INTO votes (conversation, paper_id, user_id, workspace, via, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [vote.conversation, vote.paperId, vote.userId, vote.workspace, vote.via, vote.at],
      );
      return (result.rowCount ?? 0) > 0;
    },
    reactionVoters: async (conversation, paperId) =>
      (
        await pool.query<{ user_id: string }>(
          "SELECT user_id FROM votes WHERE conversation = $1 AND paper_id = $2 AND via = 'reaction' ORDER BY user_id COLLATE \"C\"",
          [conversation, paperId],
        )
      ).rows.map((r) => r.user_id),
    async remove(conversation, paperId, userId) {
      const result = await pool.query("DELETE FROM votes WHERE conversation = $1 AND paper_id = $2 AND user_id = $3", [conversation, paperId, userId]);
      return (result.rowCount ?? 0) > 0;
    },
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

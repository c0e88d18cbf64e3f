import { and, asc, countDistinct, desc, eq, gte, inArray, max, sql } from "drizzle-orm";
import type { Vote, VoteCount, VoteScope, VoteStore } from "../core/votes/vote-store.js";
import type { OpenDatabase } from "./open-database.js";
import { votes } from "./schema.js";

function scopeFilter(scope: VoteScope) {
  return "workspace" in scope ? eq(votes.workspace, scope.workspace) : eq(votes.conversation, scope.conversation);
}

/**
 * The VoteStore port over SQLite. One vote per (conversation, paper, user), so a replayed
 * reaction counts once; a workspace count is the number of distinct users across its conversations.
 */
export function createSqliteVoteStore(open: OpenDatabase): VoteStore {
  const { db } = open;
  const insert = db
    .insert(votes)
    .values({
      conversation: sql.placeholder("conversation"),
      paperId: sql.placeholder("paperId"),
      userId: sql.placeholder("userId"),
      workspace: sql.placeholder("workspace"),
      via: sql.placeholder("via"),
      at: sql.placeholder("at"),
    })
    .onConflictDoNothing()
    .prepare();
  const remove = db
    .delete(votes)
    .where(
      and(
        eq(votes.conversation, sql.placeholder("conversation")),
        eq(votes.paperId, sql.placeholder("paperId")),
        eq(votes.userId, sql.placeholder("userId")),
      ),
    )
    .prepare();

  const reactionVoters = open.sqlite.prepare("SELECT user_id FROM votes WHERE conversation = ? AND paper_id = ? AND via = 'reaction' ORDER BY user_id");

  return {
    add: async (vote: Vote) => insert.run({ ...vote }).changes > 0,
    reactionVoters: async (conversation: string, paperId: string) =>
      (reactionVoters.all(conversation, paperId) as { user_id: string }[]).map((r) => r.user_id),
    remove: async (conversation, paperId, userId) => remove.run({ conversation, paperId, userId }).changes > 0,
    async counts(scope, paperIds) {
      const result = new Map<string, number>(paperIds.map((id) => [id, 0]));
      const unique = [...new Set(paperIds)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = db
          .select({ paperId: votes.paperId, n: countDistinct(votes.userId) })
          .from(votes)
          .where(and(scopeFilter(scope), inArray(votes.paperId, unique.slice(i, i + 500))))
          .groupBy(votes.paperId)
          .all();
        for (const row of rows) result.set(row.paperId, row.n);
      }
      return result;
    },
    async top(scope, since, limit): Promise<VoteCount[]> {
      if (limit <= 0) return [];
      const n = countDistinct(votes.userId);
      return db
        .select({ paperId: votes.paperId, votes: n })
        .from(votes)
        .where(and(scopeFilter(scope), gte(votes.at, since)))
        .groupBy(votes.paperId)
        .orderBy(desc(n), desc(max(votes.at)), asc(votes.paperId))
        .limit(Math.trunc(limit))
        .all();
    },
  };
}

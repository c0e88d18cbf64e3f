import { and, asc, countDistinct, desc, eq, gte, inArray, max } from "drizzle-orm";
import type { ReactionSource, Vote, VoteCount, VoteScope, VoteStore } from "../core/votes/vote-store.js";
import type { OpenDatabase } from "./open-database.js";
import { votes } from "./schema.js";

function scopeFilter(scope: VoteScope) {
  return "workspace" in scope ? eq(votes.workspace, scope.workspace) : eq(votes.conversation, scope.conversation);
}

/**
 * The VoteStore port over SQLite. `vote_sources` holds what holds each vote; `votes` is the
 * derived row (present while any source is), which counts and leaderboards read. Both change
 * in one transaction. Votes from before sources existed are given one source on open
 * (`command`/`button`, or `reaction:legacy`), so no vote is lost by the migration.
 */
export function createSqliteVoteStore(open: OpenDatabase): VoteStore {
  const { db, sqlite } = open;
  sqlite.exec(`INSERT OR IGNORE INTO vote_sources (conversation, paper_id, user_id, source, workspace, at)
    SELECT v.conversation, v.paper_id, v.user_id, CASE v.via WHEN 'reaction' THEN 'reaction:legacy' ELSE v.via END, v.workspace, v.at FROM votes v
    WHERE NOT EXISTS (SELECT 1 FROM vote_sources s WHERE s.conversation = v.conversation AND s.paper_id = v.paper_id AND s.user_id = v.user_id)`);
  const insertSource = sqlite.prepare(`INSERT OR IGNORE INTO vote_sources (conversation, paper_id, user_id, source, workspace, at)
    VALUES (@conversation, @paperId, @userId, @source, @workspace, @at)`);
  const insertVote = sqlite.prepare(`INSERT OR IGNORE INTO votes (conversation, paper_id, user_id, workspace, via, at)
    VALUES (@conversation, @paperId, @userId, @workspace, @via, @at)`);
  const deleteSource = sqlite.prepare("DELETE FROM vote_sources WHERE conversation = ? AND paper_id = ? AND user_id = ? AND source = ?");
  const deleteSources = sqlite.prepare("DELETE FROM vote_sources WHERE conversation = ? AND paper_id = ? AND user_id = ?");
  const remaining = sqlite.prepare("SELECT 1 FROM vote_sources WHERE conversation = ? AND paper_id = ? AND user_id = ? LIMIT 1");
  const deleteVote = sqlite.prepare("DELETE FROM votes WHERE conversation = ? AND paper_id = ? AND user_id = ?");
  const reactionSources = sqlite.prepare("SELECT user_id, source FROM vote_sources WHERE conversation = ? AND paper_id = ? AND source LIKE 'reaction%' ORDER BY user_id, source");

  const add = sqlite.transaction((vote: Vote): boolean => {
    const row = { conversation: vote.conversation, paperId: vote.paperId, userId: vote.userId, workspace: vote.workspace, via: vote.via, at: vote.at };
    insertSource.run({ ...row, source: vote.source ?? vote.via });
    return insertVote.run(row).changes > 0;
  });
  const remove = sqlite.transaction((conversation: string, paperId: string, userId: string, source: string | undefined): boolean => {
    if (source === undefined) deleteSources.run(conversation, paperId, userId);
    else deleteSource.run(conversation, paperId, userId, source);
    if (remaining.get(conversation, paperId, userId)) return false;
    return deleteVote.run(conversation, paperId, userId).changes > 0;
  });

  return {
    add: async (vote) => add(vote),
    remove: async (conversation, paperId, userId, source) => remove(conversation, paperId, userId, source),
    reactionSources: async (conversation, paperId): Promise<ReactionSource[]> =>
      (reactionSources.all(conversation, paperId) as { user_id: string; source: string }[]).map((r) => ({ userId: r.user_id, source: r.source })),
    reactionVoters: async (conversation, paperId) => [...new Set((reactionSources.all(conversation, paperId) as { user_id: string }[]).map((r) => r.user_id))],
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

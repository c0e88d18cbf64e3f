import type { FeedbackChange, FeedbackVote, TopicFeedbackStore } from "../core/topics/channel-feedback.js";
import type { OpenDatabase } from "./open-database.js";

interface FeedbackRow {
  paper_id: string;
  user_id: string;
  kind: FeedbackVote["kind"];
  title: string;
  ai_keywords: string;
}

/**
 * The TopicFeedbackStore port over SQLite: one row per (conversation, topic, paper, person),
 * so a person's later vote on a paper replaces the earlier one and a repeat changes nothing.
 * Rows keep the paper's title and keywords, whose terms are the profile's features.
 */
export function createSqliteTopicFeedbackStore(open: OpenDatabase): TopicFeedbackStore {
  const { sqlite } = open;
  const current = sqlite.prepare("SELECT kind FROM topic_feedback WHERE conversation = ? AND topic_key = ? AND paper_id = ? AND user_id = ?");
  const upsert = sqlite.prepare(
    "INSERT INTO topic_feedback (conversation, topic_key, paper_id, user_id, kind, title, ai_keywords, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) " +
      "ON CONFLICT (conversation, topic_key, paper_id, user_id) DO UPDATE SET kind = excluded.kind, title = excluded.title, ai_keywords = excluded.ai_keywords, at = excluded.at",
  );
  const list = sqlite.prepare("SELECT paper_id, user_id, kind, title, ai_keywords FROM topic_feedback WHERE conversation = ? AND topic_key = ? ORDER BY at, paper_id, user_id");
  const removeUp = sqlite.prepare("DELETE FROM topic_feedback WHERE conversation = ? AND paper_id = ? AND user_id = ? AND kind = 'up'");
  const add = sqlite.transaction((conversation: string, topic: string, vote: FeedbackVote, at: string): FeedbackChange => {
    const before = current.get(conversation, topic, vote.paper.id, vote.actor.id) as { kind: string } | undefined;
    if (before?.kind === vote.kind) return "unchanged";
    upsert.run(conversation, topic, vote.paper.id, vote.actor.id, vote.kind, vote.paper.title, JSON.stringify(vote.paper.aiKeywords), at);
    return before ? "changed" : "added";
  });
  return {
    add: async (conversation, topic, vote, at) => add(conversation, topic, vote, at),
    list: async (conversation, topic) =>
      (list.all(conversation, topic) as FeedbackRow[]).map((r) => ({
        actor: { id: r.user_id, isBot: false },
        paper: { id: r.paper_id, title: r.title, aiKeywords: JSON.parse(r.ai_keywords) as string[] },
        kind: r.kind,
      })),
    removeUp: async (conversation, paperId, userId) => removeUp.run(conversation, paperId, userId).changes,
  };
}

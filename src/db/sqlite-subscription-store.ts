import { and, asc, eq, sql } from "drizzle-orm";
import type { Subscription, SubscriptionStore } from "../core/topics/subscription-store.js";
import type { OpenDatabase } from "./open-database.js";
import { subscriptions } from "./schema.js";

/** The uniqueness key of a topic: trimmed, inner whitespace collapsed, lower-cased. */
export function topicKey(topic: string): string {
  return topic.replace(/\s+/g, " ").trim().toLowerCase();
}

const columns = {
  conversation: subscriptions.conversation,
  platform: subscriptions.platform,
  workspace: subscriptions.workspace,
  topic: subscriptions.topic,
  addedBy: subscriptions.addedBy,
  addedAt: subscriptions.addedAt,
};

/** The SubscriptionStore port over SQLite; topics are unique per conversation case-insensitively. */
export function createSqliteSubscriptionStore(open: OpenDatabase): SubscriptionStore {
  const { db } = open;
  const insert = db
    .insert(subscriptions)
    .values({
      conversation: sql.placeholder("conversation"),
      platform: sql.placeholder("platform"),
      workspace: sql.placeholder("workspace"),
      topic: sql.placeholder("topic"),
      topicKey: sql.placeholder("topicKey"),
      addedBy: sql.placeholder("addedBy"),
      addedAt: sql.placeholder("addedAt"),
    })
    .onConflictDoNothing()
    .prepare();
  const remove = db
    .delete(subscriptions)
    .where(and(eq(subscriptions.conversation, sql.placeholder("conversation")), eq(subscriptions.topicKey, sql.placeholder("topicKey"))))
    .prepare();
  const list = db
    .select(columns)
    .from(subscriptions)
    .where(eq(subscriptions.conversation, sql.placeholder("conversation")))
    .orderBy(asc(subscriptions.addedAt), asc(subscriptions.id))
    .prepare();
  const listAll = db
    .select(columns)
    .from(subscriptions)
    .orderBy(asc(subscriptions.conversation), asc(subscriptions.addedAt), asc(subscriptions.id))
    .prepare();

  return {
    async add(sub: Subscription) {
      const topic = sub.topic.replace(/\s+/g, " ").trim();
      const result = insert.run({ ...sub, topic, topicKey: topicKey(topic) });
      return { created: result.changes > 0 };
    },
    remove: async (conversation, topic) => remove.run({ conversation, topicKey: topicKey(topic) }).changes > 0,
    list: async (conversation) => list.all({ conversation }),
    listAll: async () => listAll.all(),
  };
}

import type { Subscription, SubscriptionStore } from "../../core/topics/subscription-store.js";
import { topicKey } from "../sqlite-subscription-store.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

const COLUMNS = `conversation, platform, workspace, topic, added_by AS "addedBy", added_at AS "addedAt"`;

/** The SubscriptionStore port over Postgres; topics are unique per conversation case-insensitively (as in SQLite). */
export function createPgSubscriptionStore(open: OpenPgDatabase): SubscriptionStore {
  const { pool } = open;
  return {
    async add(sub: Subscription) {
      const topic = sub.topic.replace(/\s+/g, " ").trim();
      const result = await pool.query(
        `INSERT INTO subscriptions (conversation, platform, workspace, topic, topic_key, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [sub.conversation, sub.platform, sub.workspace, topic, topicKey(topic), sub.addedBy, sub.addedAt],
      );
      return { created: (result.rowCount ?? 0) > 0 };
    },
    async remove(conversation, topic) {
      const result = await pool.query("DELETE FROM subscriptions WHERE conversation = $1 AND topic_key = $2", [conversation, topicKey(topic)]);
      return (result.rowCount ?? 0) > 0;
    },
    list: async (conversation) =>
      (await pool.query<Subscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE conversation = $1 ORDER BY added_at, id`, [conversation])).rows,
    listAll: async () => (await pool.query<Subscription>(`SELECT ${COLUMNS} FROM subscriptions ORDER BY conversation, added_at, id`)).rows,
  };
}

import type pg from "pg";
import type { ExportedChannel, StoreDocument } from "../../core/transfer/store-document.js";
import { STORE_DOCUMENT_FORMAT, STORE_DOCUMENT_VERSION } from "../../core/transfer/store-document.js";
import type { ImportSummary, StoreTransfer } from "../../core/transfer/store-transfer.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { BACKFILL_VOTE_SOURCES } from "./pg-vote-store.js";
import { inTransaction } from "./in-transaction.js";

/** channel_settings columns other than the key, as stored (snake_case) and as exported (camelCase). */
const SETTINGS_COLUMNS = [
  ["platform", "platform"], ["workspace", "workspace"], ["post_time", "postTime"], ["timezone", "timezone"], ["days", "days"],
  ["max_papers", "maxPapers"], ["min_upvotes", "minUpvotes"], ["mode", "mode"], ["paused", "paused"], ["paused_reason", "pausedReason"],
  ["catch_up", "catchUp"], ["use_thread", "useThread"], ["failure_count", "failureCount"], ["last_error", "lastError"], ["updated_at", "updatedAt"],
] as const;

interface SettingsRow {
  conversation: string;
  platform: string;
  workspace: string;
  post_time: string | null;
  timezone: string;
  days: string;
  max_papers: number;
  min_upvotes: number;
  mode: "all" | "topics";
  paused: boolean;
  paused_reason: string | null;
  catch_up: "latest" | "all" | "skip";
  use_thread: boolean;
  failure_count: number;
  last_error: string | null;
  updated_at: string;
}

/** Byte order, as SQLite sorts text, so both dialects export the same bytes. */
const C = 'COLLATE "C"';

const PUT_SETTINGS = `
  INSERT INTO channel_settings AS s (conversation, ${SETTINGS_COLUMNS.map(([c]) => c).join(", ")})
  VALUES ($1, ${SETTINGS_COLUMNS.map((_, i) => `$${i + 2}`).join(", ")})
  ON CONFLICT (conversation) DO UPDATE SET ${SETTINGS_COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(", ")}
  WHERE ${SETTINGS_COLUMNS.map(([c]) => `s.${c} IS DISTINCT FROM excluded.${c}`).join(" OR ")}`;

/**
 * The StoreTransfer port over Postgres, the same document as SQLite's: export reads one
 * REPEATABLE READ snapshot in key order; import runs in one transaction with conflict-aware
 * inserts, so a failure changes nothing and a second import is a no-op.
 */
export function createPgStoreTransfer(open: OpenPgDatabase): StoreTransfer {
  const { pool } = open;
  return {
    exportAll: () =>
      inTransaction(pool, async (client): Promise<StoreDocument> => {
        const all = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => (await client.query<T>(sql)).rows;
        const channels = new Map<string, ExportedChannel>();
        for (const r of await all<SettingsRow>(`SELECT * FROM channel_settings ORDER BY conversation ${C}`)) {
          channels.set(r.conversation, {
            conversation: r.conversation,
            platform: r.platform,
            workspace: r.workspace,
            settings: {
              postTime: r.post_time, timezone: r.timezone, days: r.days.split(",").filter(Boolean).map(Number), maxPapers: r.max_papers,
              minUpvotes: r.min_upvotes, mode: r.mode, paused: r.paused, pausedReason: r.paused_reason, catchUp: r.catch_up,
              useThread: r.use_thread, failureCount: r.failure_count, lastError: r.last_error, updatedAt: r.updated_at,
            },
            subscriptions: [],
          });
        }
        const subscriptions = await all<{ conversation: string; platform: string; workspace: string; topic: string; topicKey: string; addedBy: string; addedAt: string }>(
          `SELECT conversation, platform, workspace, topic, topic_key AS "topicKey", added_by AS "addedBy", added_at AS "addedAt" FROM subscriptions ORDER BY conversation ${C}, topic_key ${C}`,
        );
        for (const s of subscriptions) {
          let channel = channels.get(s.conversation);
          if (!channel) {
            channel = { conversation: s.conversation, platform: s.platform, workspace: s.workspace, settings: null, subscriptions: [] };
            channels.set(s.conversation, channel);
          }
          channel.subscriptions.push({ topic: s.topic, topicKey: s.topicKey, addedBy: s.addedBy, addedAt: s.addedAt });
        }
        return {
          format: STORE_DOCUMENT_FORMAT,
          version: STORE_DOCUMENT_VERSION,
          channels: [...channels.values()].sort((a, b) => (a.conversation < b.conversation ? -1 : a.conversation > b.conversation ? 1 : 0)),
          votes: await all(`SELECT conversation, paper_id AS "paperId", user_id AS "userId", workspace, via, at FROM votes ORDER BY conversation ${C}, paper_id ${C}, user_id ${C}`),
          delivery: {
            runs: await all(
              `SELECT conversation, digest_day AS "digestDay", status, owner, lease_until AS "leaseUntil", scheduled_for AS "scheduledFor", started_at AS "startedAt",
                 finished_at AS "finishedAt", late, papers_sent AS "papersSent", detail FROM digest_runs ORDER BY conversation ${C}, digest_day ${C}`,
            ),
            items: await all(
              `SELECT conversation, digest_day AS "digestDay", item_key AS "itemKey", paper_id AS "paperId", message_ref AS "messageRef", status, claimed_at AS "claimedAt",
                 sent_at AS "sentAt", error FROM deliveries ORDER BY conversation ${C}, digest_day ${C}, item_key ${C}`,
            ),
          },
          topics: {
            droppedTerms: await all(
              `SELECT conversation, topic_key AS "topicKey", term, dropped_by AS "droppedBy", dropped_at AS "droppedAt" FROM topic_dropped_terms ORDER BY conversation ${C}, topic_key ${C}, term ${C}`,
            ),
            feedback: (
              await all<StoreDocument["topics"]["feedback"][number] & { aiKeywords: string }>(
                `SELECT conversation, topic_key AS "topicKey", paper_id AS "paperId", user_id AS "userId", kind, title, ai_keywords AS "aiKeywords", at FROM topic_feedback
                 ORDER BY conversation ${C}, topic_key ${C}, paper_id ${C}, user_id ${C}`,
              )
            ).map((f) => ({ ...f, aiKeywords: JSON.parse(f.aiKeywords) as string[] })),
          },
          llmUsage: await all(`SELECT day, requests FROM llm_usage ORDER BY day ${C}`),
          slackInstallations: await all(
            `SELECT install_key AS "installKey", team_id AS "teamId", enterprise_id AS "enterpriseId", sealed, installed_at AS "installedAt", updated_at AS "updatedAt"
             FROM slack_installations ORDER BY install_key ${C}`,
          ),
        };
      }, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
    importAll: (doc) =>
      inTransaction(pool, async (client): Promise<ImportSummary> => {
        const changed = async (sql: string, values: unknown[]): Promise<number> => (await client.query(sql, values)).rowCount ?? 0;
        const summary: ImportSummary = { settings: 0, subscriptions: 0, votes: 0, runs: 0, items: 0, llmUsage: 0, topicState: 0, installations: 0 };
        for (const channel of doc.channels) {
          const { conversation, platform, workspace } = channel;
          if (channel.settings) {
            const s = { platform, workspace, ...channel.settings, days: channel.settings.days.join(",") } as Record<string, unknown>;
            summary.settings += await changed(PUT_SETTINGS, [conversation, ...SETTINGS_COLUMNS.map(([, k]) => s[k])]);
          }
          for (const sub of channel.subscriptions) {
            summary.subscriptions += await changed(
              `INSERT INTO subscriptions (conversation, platform, workspace, topic, topic_key, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (conversation, topic_key) DO NOTHING`,
              [conversation, platform, workspace, sub.topic, sub.topicKey, sub.addedBy, sub.addedAt],
            );
          }
        }
        for (const v of doc.votes) {
          summary.votes += await changed("INSERT INTO votes (conversation, paper_id, user_id, workspace, via, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING", [
            v.conversation, v.paperId, v.userId, v.workspace, v.via, v.at,
          ]);
        }
        await client.query(BACKFILL_VOTE_SOURCES);
        for (const r of doc.delivery.runs) {
          summary.runs += await changed(
            `INSERT INTO digest_runs (conversation, digest_day, status, owner, lease_until, scheduled_for, started_at, finished_at, late, papers_sent, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
            [r.conversation, r.digestDay, r.status, r.owner, r.leaseUntil, r.scheduledFor, r.startedAt, r.finishedAt, r.late, r.papersSent, r.detail],
          );
        }
        for (const i of doc.delivery.items) {
          summary.items += await changed(
            `INSERT INTO deliveries (conversation, digest_day, item_key, paper_id, message_ref, status, claimed_at, sent_at, error)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
            [i.conversation, i.digestDay, i.itemKey, i.paperId, i.messageRef, i.status, i.claimedAt, i.sentAt, i.error],
          );
        }
        for (const u of doc.llmUsage) {
          summary.llmUsage += await changed(
            "INSERT INTO llm_usage AS u (day, requests) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET requests = excluded.requests WHERE excluded.requests > u.requests",
            [u.day, u.requests],
          );
        }
        for (const d of doc.topics.droppedTerms) {
          summary.topicState += await changed(
            "INSERT INTO topic_dropped_terms (conversation, topic_key, term, dropped_by, dropped_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            [d.conversation, d.topicKey, d.term, d.droppedBy, d.droppedAt],
          );
        }
        for (const f of doc.topics.feedback) {
          summary.topicState += await changed(
            "INSERT INTO topic_feedback (conversation, topic_key, paper_id, user_id, kind, title, ai_keywords, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            [f.conversation, f.topicKey, f.paperId, f.userId, f.kind, f.title, JSON.stringify(f.aiKeywords), f.at],
          );
        }
        for (const i of doc.slackInstallations) {
          summary.installations += await changed(
            `INSERT INTO slack_installations AS s (install_key, team_id, enterprise_id, sealed, installed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, updated_at = excluded.updated_at
             WHERE excluded.updated_at > s.updated_at`,
            [i.installKey, i.teamId, i.enterpriseId, i.sealed, i.installedAt, i.updatedAt],
          );
        }
        return summary;
      }),
  };
}

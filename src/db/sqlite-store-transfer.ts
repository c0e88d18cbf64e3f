import type { ExportedChannel, StoreDocument } from "../core/transfer/store-document.js";
import { STORE_DOCUMENT_FORMAT, STORE_DOCUMENT_VERSION } from "../core/transfer/store-document.js";
import type { ImportSummary, StoreTransfer } from "../core/transfer/store-transfer.js";
import type { OpenDatabase } from "./open-database.js";

/** channel_settings columns other than the key, as stored (snake_case) and as exported (camelCase). */
const SETTINGS_COLUMNS = [
  ["platform", "platform"],
  ["workspace", "workspace"],
  ["post_time", "postTime"],
  ["timezone", "timezone"],
  ["days", "days"],
  ["max_papers", "maxPapers"],
  ["min_upvotes", "minUpvotes"],
  ["mode", "mode"],
  ["paused", "paused"],
  ["paused_reason", "pausedReason"],
  ["catch_up", "catchUp"],
  ["use_thread", "useThread"],
  ["failure_count", "failureCount"],
  ["last_error", "lastError"],
  ["updated_at", "updatedAt"],
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
  paused: number;
  paused_reason: string | null;
  catch_up: "latest" | "all" | "skip";
  use_thread: number;
  failure_count: number;
  last_error: string | null;
  updated_at: string;
}

/**
 * The StoreTransfer port over SQLite. Export reads in one read transaction (a consistent
 * snapshot) in key order; import runs in one write transaction, so a failure leaves the
 * store as it was. Every insert is conflict-aware, which makes a second import a no-op.
 */
export function createSqliteStoreTransfer(open: OpenDatabase): StoreTransfer {
  const { sqlite } = open;
  const q = {
    settings: sqlite.prepare("SELECT * FROM channel_settings ORDER BY conversation"),
    subscriptions: sqlite.prepare("SELECT conversation, platform, workspace, topic, topic_key AS topicKey, added_by AS addedBy, added_at AS addedAt FROM subscriptions ORDER BY conversation, topic_key"),
    votes: sqlite.prepare("SELECT conversation, paper_id AS paperId, user_id AS userId, workspace, via, at FROM votes ORDER BY conversation, paper_id, user_id"),
    runs: sqlite.prepare(
      "SELECT conversation, digest_day AS digestDay, status, owner, lease_until AS leaseUntil, scheduled_for AS scheduledFor, started_at AS startedAt, finished_at AS finishedAt, late, papers_sent AS papersSent, detail FROM digest_runs ORDER BY conversation, digest_day",
    ),
    items: sqlite.prepare(
      "SELECT conversation, digest_day AS digestDay, item_key AS itemKey, paper_id AS paperId, message_ref AS messageRef, status, claimed_at AS claimedAt, sent_at AS sentAt, error FROM deliveries ORDER BY conversation, digest_day, item_key",
    ),
    llmUsage: sqlite.prepare("SELECT day, requests FROM llm_usage ORDER BY day"),
    dropped: sqlite.prepare("SELECT conversation, topic_key AS topicKey, term, dropped_by AS droppedBy, dropped_at AS droppedAt FROM topic_dropped_terms ORDER BY conversation, topic_key, term"),
    installations: sqlite.prepare("SELECT install_key AS installKey, team_id AS teamId, enterprise_id AS enterpriseId, sealed, installed_at AS installedAt, updated_at AS updatedAt FROM slack_installations ORDER BY install_key"),
    feedback: sqlite.prepare("SELECT conversation, topic_key AS topicKey, paper_id AS paperId, user_id AS userId, kind, title, ai_keywords AS aiKeywords, at FROM topic_feedback ORDER BY conversation, topic_key, paper_id, user_id"),
  };
  const put = {
    settings: sqlite.prepare(`
      INSERT INTO channel_settings (conversation, ${SETTINGS_COLUMNS.map(([c]) => c).join(", ")})
      VALUES (@conversation, ${SETTINGS_COLUMNS.map(([, k]) => `@${k}`).join(", ")})
      ON CONFLICT (conversation) DO UPDATE SET ${SETTINGS_COLUMNS.map(([c]) => `${c} = excluded.${c}`).join(", ")}
      WHERE ${SETTINGS_COLUMNS.map(([c]) => `channel_settings.${c} IS NOT excluded.${c}`).join(" OR ")}`),
    subscription: sqlite.prepare(`
      INSERT INTO subscriptions (conversation, platform, workspace, topic, topic_key, added_by, added_at)
      VALUES (@conversation, @platform, @workspace, @topic, @topicKey, @addedBy, @addedAt)
      ON CONFLICT (conversation, topic_key) DO NOTHING`),
    vote: sqlite.prepare(`
      INSERT INTO votes (conversation, paper_id, user_id, workspace, via, at) VALUES (@conversation, @paperId, @userId, @workspace, @via, @at)
      ON CONFLICT DO NOTHING`),
    run: sqlite.prepare(`
      INSERT INTO digest_runs (conversation, digest_day, status, owner, lease_until, scheduled_for, started_at, finished_at, late, papers_sent, detail)
      VALUES (@conversation, @digestDay, @status, @owner, @leaseUntil, @scheduledFor, @startedAt, @finishedAt, @late, @papersSent, @detail)
      ON CONFLICT DO NOTHING`),
    item: sqlite.prepare(`
      INSERT INTO deliveries (conversation, digest_day, item_key, paper_id, message_ref, status, claimed_at, sent_at, error)
      VALUES (@conversation, @digestDay, @itemKey, @paperId, @messageRef, @status, @claimedAt, @sentAt, @error)
      ON CONFLICT DO NOTHING`),
    llmUsage: sqlite.prepare(`
      INSERT INTO llm_usage (day, requests) VALUES (@day, @requests)
      ON CONFLICT (day) DO UPDATE SET requests = excluded.requests WHERE excluded.requests > llm_usage.requests`),
    dropped: sqlite.prepare(`
      INSERT INTO topic_dropped_terms (conversation, topic_key, term, dropped_by, dropped_at) VALUES (@conversation, @topicKey, @term, @droppedBy, @droppedAt)
      ON CONFLICT DO NOTHING`),
    feedback: sqlite.prepare(`
      INSERT INTO topic_feedback (conversation, topic_key, paper_id, user_id, kind, title, ai_keywords, at) VALUES (@conversation, @topicKey, @paperId, @userId, @kind, @title, @aiKeywords, @at)
      ON CONFLICT DO NOTHING`),
    installation: sqlite.prepare(`
      INSERT INTO slack_installations (install_key, team_id, enterprise_id, sealed, installed_at, updated_at) VALUES (@installKey, @teamId, @enterpriseId, @sealed, @installedAt, @updatedAt)
      ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, sealed = excluded.sealed, updated_at = excluded.updated_at
      WHERE excluded.updated_at > slack_installations.updated_at`),
  };

  const readAll = sqlite.transaction((): StoreDocument => {
    const channels = new Map<string, ExportedChannel>();
    for (const r of q.settings.all() as SettingsRow[]) {
      channels.set(r.conversation, {
        conversation: r.conversation,
        platform: r.platform,
        workspace: r.workspace,
        settings: {
          postTime: r.post_time,
          timezone: r.timezone,
          days: r.days.split(",").filter(Boolean).map(Number),
          maxPapers: r.max_papers,
          minUpvotes: r.min_upvotes,
          mode: r.mode,
          paused: r.paused === 1,
          pausedReason: r.paused_reason,
          catchUp: r.catch_up,
          useThread: r.use_thread === 1,
          failureCount: r.failure_count,
          lastError: r.last_error,
          updatedAt: r.updated_at,
        },
        subscriptions: [],
      });
    }
    for (const s of q.subscriptions.all() as { conversation: string; platform: string; workspace: string; topic: string; topicKey: string; addedBy: string; addedAt: string }[]) {
      let channel = channels.get(s.conversation);
      if (!channel) {
        channel = { conversation: s.conversation, platform: s.platform, workspace: s.workspace, settings: null, subscriptions: [] };
        channels.set(s.conversation, channel);
      }
      channel.subscriptions.push({ topic: s.topic, topicKey: s.topicKey, addedBy: s.addedBy, addedAt: s.addedAt });
    }
    const runs = (q.runs.all() as (Omit<StoreDocument["delivery"]["runs"][number], "late"> & { late: number })[]).map((r) => ({ ...r, late: r.late === 1 }));
    return {
      format: STORE_DOCUMENT_FORMAT,
      version: STORE_DOCUMENT_VERSION,
      channels: [...channels.values()].sort((a, b) => (a.conversation < b.conversation ? -1 : a.conversation > b.conversation ? 1 : 0)),
      votes: q.votes.all() as StoreDocument["votes"],
      delivery: { runs, items: q.items.all() as StoreDocument["delivery"]["items"] },
      llmUsage: q.llmUsage.all() as StoreDocument["llmUsage"],
      slackInstallations: q.installations.all() as StoreDocument["slackInstallations"],
      topics: {
        droppedTerms: q.dropped.all() as StoreDocument["topics"]["droppedTerms"],
        feedback: (q.feedback.all() as (Omit<StoreDocument["topics"]["feedback"][number], "aiKeywords"> & { aiKeywords: string })[]).map((f) => ({ ...f, aiKeywords: JSON.parse(f.aiKeywords) as string[] })),
      },
    };
  });

  const writeAll = sqlite.transaction((doc: StoreDocument): ImportSummary => {
    const summary: ImportSummary = { settings: 0, subscriptions: 0, votes: 0, runs: 0, items: 0, llmUsage: 0, topicState: 0, installations: 0 };
    for (const channel of doc.channels) {
      const { conversation, platform, workspace } = channel;
      if (channel.settings) {
        const s = channel.settings;
        summary.settings += put.settings.run({ conversation, platform, workspace, ...s, days: s.days.join(","), paused: s.paused ? 1 : 0, useThread: s.useThread ? 1 : 0 }).changes;
      }
      for (const sub of channel.subscriptions) summary.subscriptions += put.subscription.run({ conversation, platform, workspace, ...sub }).changes;
    }
    for (const vote of doc.votes) summary.votes += put.vote.run(vote).changes;
    for (const run of doc.delivery.runs) summary.runs += put.run.run({ ...run, late: run.late ? 1 : 0 }).changes;
    for (const item of doc.delivery.items) summary.items += put.item.run(item).changes;
    for (const usage of doc.llmUsage) summary.llmUsage += put.llmUsage.run(usage).changes;
    for (const d of doc.topics.droppedTerms) summary.topicState += put.dropped.run(d).changes;
    for (const f of doc.topics.feedback) summary.topicState += put.feedback.run({ ...f, aiKeywords: JSON.stringify(f.aiKeywords) }).changes;
    for (const i of doc.slackInstallations) summary.installations += put.installation.run(i).changes;
    return summary;
  });

  return {
    exportAll: async () => readAll.deferred(),
    importAll: async (doc) => writeAll.immediate(doc),
  };
}

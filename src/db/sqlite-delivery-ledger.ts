import type { ClaimResult, DeliveryLedger, DueRun } from "../core/digest/delivery-ledger.js";
import type { OpenDatabase } from "./open-database.js";
import { toItem, toRun, type ItemRow, type RunRow } from "./ledger-rows.js";

/**
 * The DeliveryLedger port over SQLite. Claims are single statements (INSERT … ON CONFLICT
 * with a guarded UPDATE), so two processes sharing the file can never both win: SQLite
 * serialises writers, and the WHERE clause decides.
 */
export function createSqliteDeliveryLedger(open: OpenDatabase): DeliveryLedger {
  const { sqlite } = open;
  const claimRun = sqlite.prepare(`
    INSERT INTO digest_runs (conversation, digest_day, status, owner, lease_until, scheduled_for, started_at, late)
    VALUES (@conversation, @digestDay, 'running', @owner, @leaseUntil, @scheduledFor, @now, @late)
    ON CONFLICT (conversation, digest_day) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
    WHERE digest_runs.status = 'running' AND (digest_runs.owner = excluded.owner OR digest_runs.lease_until < @now)`);
  const renew = sqlite.prepare(
    "UPDATE digest_runs SET lease_until = ? WHERE conversation = ? AND digest_day = ? AND owner = ? AND status = 'running'",
  );
  const finish = sqlite.prepare(
    "UPDATE digest_runs SET status = ?, papers_sent = ?, detail = ?, finished_at = ? WHERE conversation = ? AND digest_day = ? AND owner = ?",
  );
  const getRun = sqlite.prepare("SELECT * FROM digest_runs WHERE conversation = ? AND digest_day = ?");
  const recentRuns = sqlite.prepare("SELECT * FROM digest_runs WHERE conversation = ? ORDER BY digest_day DESC, started_at DESC LIMIT ?");
  const insertItem = sqlite.prepare(`
    INSERT INTO deliveries (conversation, digest_day, item_key, paper_id, status, claimed_at)
    VALUES (@conversation, @digestDay, @itemKey, @paperId, 'sending', @now)
    ON CONFLICT (conversation, digest_day, item_key) DO UPDATE SET status = 'sending', claimed_at = excluded.claimed_at, error = NULL
    WHERE deliveries.status = 'failed'`);
  const itemStatus = sqlite.prepare("SELECT status FROM deliveries WHERE conversation = ? AND digest_day = ? AND item_key = ?");
  const markSent = sqlite.prepare(
    "UPDATE deliveries SET status = 'sent', message_ref = ?, sent_at = ? WHERE conversation = ? AND digest_day = ? AND item_key = ?",
  );
  const markFailed = sqlite.prepare(
    "UPDATE deliveries SET status = 'failed', error = ? WHERE conversation = ? AND digest_day = ? AND item_key = ? AND status = 'sending'",
  );
  const sentPapers = sqlite.prepare("SELECT paper_id FROM deliveries WHERE conversation = ? AND paper_id IS NOT NULL AND status != 'failed'");
  const items = sqlite.prepare("SELECT * FROM deliveries WHERE conversation = ? AND digest_day = ? ORDER BY claimed_at, rowid");
  const byRef = sqlite.prepare("SELECT * FROM deliveries WHERE message_ref = ?");
  const latestOfPaper = sqlite.prepare(
    "SELECT * FROM deliveries WHERE conversation = ? AND paper_id = ? AND status = 'sent' AND message_ref IS NOT NULL ORDER BY sent_at DESC LIMIT 1",
  );
  const since = sqlite.prepare("SELECT * FROM deliveries WHERE paper_id IS NOT NULL AND status = 'sent' AND sent_at >= ? ORDER BY sent_at");

  const claimBatch = sqlite.transaction((due: readonly DueRun[], claim: { owner: string; leaseUntil: string; now: string }, limit: number) => {
    const taken: DueRun[] = [];
    for (const run of due) {
      if (taken.length >= limit) break;
      if (claimRun.run({ ...claim, conversation: run.conversation, digestDay: run.digestDay, scheduledFor: run.scheduledFor, late: run.late ? 1 : 0 }).changes > 0) taken.push(run);
    }
    return taken;
  });

  return {
    claimDue: async (due, claim, limit) => (due.length === 0 || limit <= 0 ? [] : claimBatch.immediate(due, claim, Math.trunc(limit))),
    run(conversation, digestDay) {
      return {
        conversation,
        digestDay,
        claim: async (claim) => claimRun.run({ ...claim, conversation, digestDay, late: claim.late ? 1 : 0 }).changes > 0,
        renew: async (owner, leaseUntil) => renew.run(leaseUntil, conversation, digestDay, owner).changes > 0,
        async finish(owner, outcome) {
          finish.run(outcome.status, outcome.papersSent, outcome.detail, outcome.now, conversation, digestDay, owner);
        },
        async get() {
          const row = getRun.get(conversation, digestDay) as RunRow | undefined;
          return row ? toRun(row) : null;
        },
        async claimItem(item): Promise<ClaimResult> {
          if (insertItem.run({ ...item, conversation, digestDay }).changes > 0) return "claimed";
          const row = itemStatus.get(conversation, digestDay, item.itemKey) as { status: string } | undefined;
          return row?.status === "sent" ? "sent" : "in-doubt";
        },
        async markSent(itemKey, messageRef, now) {
          markSent.run(messageRef, now, conversation, digestDay, itemKey);
        },
        async markFailed(itemKey, error) {
          markFailed.run(error.slice(0, 500), conversation, digestDay, itemKey);
        },
        items: async () => (items.all(conversation, digestDay) as ItemRow[]).map(toItem),
      };
    },
    recentRuns: async (conversation, limit) => (recentRuns.all(conversation, limit) as RunRow[]).map(toRun),
    sentPaperIds: async (conversation) => new Set((sentPapers.all(conversation) as { paper_id: string }[]).map((r) => r.paper_id)),
    async findByMessageRef(messageRef) {
      const row = byRef.get(messageRef) as ItemRow | undefined;
      return row ? toItem(row) : null;
    },
    async latestPaperMessage(conversation, paperId) {
      const row = latestOfPaper.get(conversation, paperId) as ItemRow | undefined;
      return row ? toItem(row) : null;
    },
    paperMessagesSince: async (sinceIso) => (since.all(sinceIso) as ItemRow[]).map(toItem),
  };
}

import type pg from "pg";
import type { ClaimResult, DeliveryLedger, DueRun } from "../../core/digest/delivery-ledger.js";
import type { OpenPgDatabase } from "./open-pg-database.js";
import { inTransaction } from "./in-transaction.js";
import { toItem, toRun, type ItemRow, type RunRow } from "../ledger-rows.js";

const ITEM_COLUMNS = "conversation, digest_day, item_key, paper_id, message_ref, status, sent_at";

/** The lease rule of SQLite's claim: a running run whose holder is us, or whose lease has expired. */
const CLAIM_RUN = `
  INSERT INTO digest_runs AS r (conversation, digest_day, status, owner, lease_until, scheduled_for, started_at, late)
  VALUES ($1, $2, 'running', $3, $4, $5, $6, $7)
  ON CONFLICT (conversation, digest_day) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
  WHERE r.status = 'running' AND (r.owner = excluded.owner OR r.lease_until < $6)`;

/**
 * Unclaimed rows for the due runs that have none: an empty owner and an expired lease
 * (`''` sorts before any ISO time), so any instance may take them, and they can be locked.
 */
const ENSURE_ROWS = `
  INSERT INTO digest_runs (conversation, digest_day, status, owner, lease_until, scheduled_for, started_at, late)
  SELECT c, d, 'running', '', '', s, $5, l FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS u(c, d, s, l)
  ON CONFLICT (conversation, digest_day) DO NOTHING`;

/** Locks the claimable ones among them, skipping any another instance has locked. */
const LOCK_CLAIMABLE = `
  SELECT r.conversation, r.digest_day FROM digest_runs r
  JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(c, d, n) ON r.conversation = u.c AND r.digest_day = u.d
  WHERE r.status = 'running' AND (r.owner = $3 OR r.lease_until < $4)
  ORDER BY u.n LIMIT $5 FOR UPDATE OF r SKIP LOCKED`;

const TAKE = `
  UPDATE digest_runs r SET owner = $3, lease_until = $4, started_at = CASE WHEN r.owner = '' THEN $5 ELSE r.started_at END
  FROM unnest($1::text[], $2::text[]) AS u(c, d) WHERE r.conversation = u.c AND r.digest_day = u.d`;

/**
 * The DeliveryLedger port over Postgres. Single claims are one INSERT … ON CONFLICT … WHERE
 * statement, as in SQLite: the row lock on the conflicting run decides between instances.
 * Batches (`claimDue`) lock claimable rows with FOR UPDATE SKIP LOCKED, so instances
 * claiming the same due list at once each take different channel-days.
 */
export function createPgDeliveryLedger(open: OpenPgDatabase): DeliveryLedger {
  const { pool } = open;
  const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T | undefined> => (await pool.query<T>(text, values)).rows[0];
  const changed = async (text: string, values: unknown[]): Promise<boolean> => ((await pool.query(text, values)).rowCount ?? 0) > 0;
  return {
    async claimDue(due: readonly DueRun[], claim, limit) {
      if (due.length === 0 || limit <= 0) return [];
      const conversations = due.map((d) => d.conversation);
      const days = due.map((d) => d.digestDay);
      await pool.query(ENSURE_ROWS, [conversations, days, due.map((d) => d.scheduledFor), due.map((d) => d.late), claim.now]);
      const locked = await inTransaction(pool, async (client) => {
        const rows = (await client.query<{ conversation: string; digest_day: string }>(LOCK_CLAIMABLE, [conversations, days, claim.owner, claim.now, Math.trunc(limit)])).rows;
        if (rows.length > 0) {
          await client.query(TAKE, [rows.map((r) => r.conversation), rows.map((r) => r.digest_day), claim.owner, claim.leaseUntil, claim.now]);
        }
        return new Set(rows.map((r) => `${r.conversation}\u0000${r.digest_day}`));
      });
      return due.filter((d) => locked.has(`${d.conversation}\u0000${d.digestDay}`));
    },
    run(conversation, digestDay) {
      return {
        conversation,
        digestDay,
        claim: (c) => changed(CLAIM_RUN, [conversation, digestDay, c.owner, c.leaseUntil, c.scheduledFor, c.now, c.late]),
        renew: (owner, leaseUntil) =>
          changed("UPDATE digest_runs SET lease_until = $1 WHERE conversation = $2 AND digest_day = $3 AND owner = $4 AND status = 'running'", [
            leaseUntil,
            conversation,
            digestDay,
            owner,
          ]),
        async finish(owner, o) {
          await pool.query(
            "UPDATE digest_runs SET status = $1, papers_sent = $2, detail = $3, finished_at = $4 WHERE conversation = $5 AND digest_day = $6 AND owner = $7",
            [o.status, o.papersSent, o.detail, o.now, conversation, digestDay, owner],
          );
        },
        async get() {
          const row = await one<RunRow>("SELECT * FROM digest_runs WHERE conversation = $1 AND digest_day = $2", [conversation, digestDay]);
          return row ? toRun(row) : null;
        },
        async claimItem(item): Promise<ClaimResult> {
          const inserted = await changed(
            `INSERT INTO deliveries AS d (conversation, digest_day, item_key, paper_id, status, claimed_at) VALUES ($1, $2, $3, $4, 'sending', $5)
             ON CONFLICT (conversation, digest_day, item_key) DO UPDATE SET status = 'sending', claimed_at = excluded.claimed_at, error = NULL
             WHERE d.status = 'failed'`,
            [conversation, digestDay, item.itemKey, item.paperId, item.now],
          );
          if (inserted) return "claimed";
          const row = await one<{ status: string }>("SELECT status FROM deliveries WHERE conversation = $1 AND digest_day = $2 AND item_key = $3", [
            conversation,
            digestDay,
            item.itemKey,
          ]);
          return row?.status === "sent" ? "sent" : "in-doubt";
        },
        async markSent(itemKey, messageRef, now) {
          await pool.query("UPDATE deliveries SET status = 'sent', message_ref = $1, sent_at = $2 WHERE conversation = $3 AND digest_day = $4 AND item_key = $5", [
            messageRef,
            now,
            conversation,
            digestDay,
            itemKey,
          ]);
        },
        async markFailed(itemKey, error) {
          await pool.query(
            "UPDATE deliveries SET status = 'failed', error = $1 WHERE conversation = $2 AND digest_day = $3 AND item_key = $4 AND status = 'sending'",
            [error.slice(0, 500), conversation, digestDay, itemKey],
          );
        },
        items: async () =>
          (await pool.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM deliveries WHERE conversation = $1 AND digest_day = $2 ORDER BY claimed_at, seq`, [conversation, digestDay])).rows.map(toItem),
      };
    },
    recentRuns: async (conversation, limit) =>
      (await pool.query<RunRow>("SELECT * FROM digest_runs WHERE conversation = $1 ORDER BY digest_day DESC, started_at DESC LIMIT $2", [conversation, limit])).rows.map(toRun),
    sentPaperIds: async (conversation) =>
      new Set(
        (await pool.query<{ paper_id: string }>("SELECT paper_id FROM deliveries WHERE conversation = $1 AND paper_id IS NOT NULL AND status != 'failed'", [conversation])).rows.map(
          (r) => r.paper_id,
        ),
      ),
    async findByMessageRef(messageRef) {
      const row = await one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM deliveries WHERE message_ref = $1`, [messageRef]);
      return row ? toItem(row) : null;
    },
    async latestPaperMessage(conversation, paperId) {
      const row = await one<ItemRow>(
        `SELECT ${ITEM_COLUMNS} FROM deliveries WHERE conversation = $1 AND paper_id = $2 AND status = 'sent' AND message_ref IS NOT NULL ORDER BY sent_at DESC LIMIT 1`,
        [conversation, paperId],
      );
      return row ? toItem(row) : null;
    },
    paperMessagesSince: async (sinceIso) =>
      (await pool.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM deliveries WHERE paper_id IS NOT NULL AND status = 'sent' AND sent_at >= $1 ORDER BY sent_at, seq`, [sinceIso])).rows.map(toItem),
  };
}

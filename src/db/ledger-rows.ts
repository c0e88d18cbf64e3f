import type { DigestRun, SentItem } from "../core/digest/delivery-ledger.js";

/** A digest_runs row as both drivers return it (`late` is 0/1 in SQLite, a boolean in Postgres). */
export interface RunRow {
  /** Conversation reference. */
  conversation: string;
  /** Digest day. */
  digest_day: string;
  /** Run status. */
  status: DigestRun["status"];
  /** Lease holder. */
  owner: string;
  /** Lease expiry (ISO). */
  lease_until: string;
  /** When the post was due (ISO). */
  scheduled_for: string | null;
  /** Start (ISO). */
  started_at: string;
  /** End (ISO). */
  finished_at: string | null;
  /** Posted late. */
  late: boolean | number;
  /** Paper messages sent. */
  papers_sent: number;
  /** Outcome detail. */
  detail: string | null;
}

/** A deliveries row as both drivers return it. */
export interface ItemRow {
  /** Conversation reference. */
  conversation: string;
  /** Digest day. */
  digest_day: string;
  /** `header`, `notice` or `paper:<id>`. */
  item_key: string;
  /** Versionless paper id. */
  paper_id: string | null;
  /** Platform message reference. */
  message_ref: string | null;
  /** Delivery status. */
  status: SentItem["status"];
  /** When confirmed (ISO). */
  sent_at: string | null;
}

/** A digest_runs row as the port's DigestRun. */
export const toRun = (r: RunRow): DigestRun => ({
  conversation: r.conversation,
  digestDay: r.digest_day,
  status: r.status,
  owner: r.owner,
  leaseUntil: r.lease_until,
  scheduledFor: r.scheduled_for,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  late: r.late === true || r.late === 1,
  papersSent: r.papers_sent,
  detail: r.detail,
});

/** A deliveries row as the port's SentItem. */
export const toItem = (r: ItemRow): SentItem => ({
  conversation: r.conversation,
  digestDay: r.digest_day,
  itemKey: r.item_key,
  paperId: r.paper_id,
  messageRef: r.message_ref,
  status: r.status,
  sentAt: r.sent_at,
});

/** Outcome of a digest run. */
export type DigestRunStatus = "running" | "sent" | "notice" | "failed" | "skipped";

/** One channel's digest for one digest day. */
export interface DigestRun {
  /** Conversation reference. */
  conversation: string;
  /** Channel-local date of the scheduled post, YYYY-MM-DD. */
  digestDay: string;
  /** Outcome so far. */
  status: DigestRunStatus;
  /** Lease holder (one random id per process). */
  owner: string;
  /** Lease expiry, ISO 8601. */
  leaseUntil: string;
  /** When the post was due, ISO 8601 (null for manual runs). */
  scheduledFor: string | null;
  /** Start, ISO 8601. */
  startedAt: string;
  /** End, ISO 8601, or null while running. */
  finishedAt: string | null;
  /** True when posted late, after downtime. */
  late: boolean;
  /** Paper messages sent. */
  papersSent: number;
  /** Outcome detail or failure reason, one line. */
  detail: string | null;
}

/** A message a digest sent, as the ledger remembers it. */
export interface SentItem {
  /** Conversation reference. */
  conversation: string;
  /** Digest day. */
  digestDay: string;
  /** `header`, `notice` or `paper:<id>`. */
  itemKey: string;
  /** Paper id for paper messages, else null. */
  paperId: string | null;
  /** Platform message reference (null when the outcome of a send is unknown). */
  messageRef: string | null;
  /** `sending` (claimed; the process died before the platform confirmed), `sent`, `failed`. */
  status: "sending" | "sent" | "failed";
  /** When the platform confirmed it, ISO 8601. */
  sentAt: string | null;
}

/** What `claimItem` found. */
export type ClaimResult =
  /** Nobody sent it: go ahead and send, then `markSent`. */
  | "claimed"
  /** Already sent: skip it. */
  | "sent"
  /** A send started and its outcome is unknown (crash mid-send): skip, never risk a duplicate. */
  | "in-doubt";

/**
 * The delivery ledger: the record that makes digests exactly-once across crashes and
 * concurrent processes, and maps platform message references back to papers.
 */
export interface DeliveryLedger {
  /**
   * Takes the lease on (conversation, digestDay) for `owner` until `leaseUntil` (ISO). False
   * when the run is finished, or another owner's lease is still live.
   */
  claimRun(run: { conversation: string; digestDay: string; owner: string; leaseUntil: string; scheduledFor: string | null; late: boolean; now: string }): boolean;
  /** Extends a held lease; false when the lease was lost. */
  renewRun(conversation: string, digestDay: string, owner: string, leaseUntil: string): boolean;
  /** Records the end of a run held by `owner`. */
  finishRun(conversation: string, digestDay: string, owner: string, outcome: { status: Exclude<DigestRunStatus, "running">; papersSent: number; detail: string | null; now: string }): void;
  /** The run for (conversation, digestDay), or null. */
  getRun(conversation: string, digestDay: string): DigestRun | null;
  /** The conversation's latest runs, newest first. */
  recentRuns(conversation: string, limit: number): DigestRun[];
  /** Claims one message of a digest before sending it (atomic insert). */
  claimItem(item: { conversation: string; digestDay: string; itemKey: string; paperId: string | null; now: string }): ClaimResult;
  /** Records the platform's reference for a claimed message. */
  markSent(conversation: string, digestDay: string, itemKey: string, messageRef: string, now: string): void;
  /** Releases a claim whose send failed for certain (the platform said no), so a retry may send it. */
  markFailed(conversation: string, digestDay: string, itemKey: string, error: string): void;
  /** Every paper ever sent (or in doubt) to this conversation: never post one twice. */
  sentPaperIds(conversation: string): Set<string>;
  /** The items of one digest, in claim order. */
  items(conversation: string, digestDay: string): SentItem[];
  /** The sent item with this platform message reference (reactions map back through it), or null. */
  findByMessageRef(messageRef: string): SentItem | null;
  /** The newest sent message of `paperId` in this conversation (its digest post), or null. */
  latestPaperMessage(conversation: string, paperId: string): SentItem | null;
  /** Paper messages sent since `sinceIso`, for reconciling reactions after a restart. */
  paperMessagesSince(sinceIso: string): SentItem[];
}

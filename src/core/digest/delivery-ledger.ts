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

/** What claiming a run takes: who claims it, for how long, and what the run is. */
export interface RunClaim {
  /** Lease holder (one random id per process). */
  owner: string;
  /** Lease expiry, ISO 8601. */
  leaseUntil: string;
  /** When the post was due, ISO 8601 (null for manual runs). */
  scheduledFor: string | null;
  /** True when posted late, after downtime. */
  late: boolean;
  /** The claim's instant, ISO 8601. */
  now: string;
}

/** How a run ended, as `finish` records it. */
export interface RunOutcome {
  /** Final status. */
  status: Exclude<DigestRunStatus, "running">;
  /** Paper messages sent. */
  papersSent: number;
  /** Outcome detail or failure reason, one line. */
  detail: string | null;
  /** When it ended, ISO 8601. */
  now: string;
}

/** One due channel-day offered to `claimDue`. */
export interface DueRun {
  /** Conversation reference. */
  conversation: string;
  /** Channel-local date of the post, YYYY-MM-DD. */
  digestDay: string;
  /** When the post was due, ISO 8601 (null for manual runs). */
  scheduledFor: string | null;
  /** True when posted late, after downtime. */
  late: boolean;
}

/**
 * One channel's digest for one digest day in the ledger: the handle `DeliveryLedger.run`
 * returns, so a delivery names its (conversation, digestDay) once.
 */
export interface DigestRunLedger {
  /** Conversation reference. */
  readonly conversation: string;
  /** Channel-local date of the post, YYYY-MM-DD. */
  readonly digestDay: string;
  /** Takes the lease for `claim.owner`. False when the run is finished, or another owner's lease is still live. */
  claim(claim: RunClaim): Promise<boolean>;
  /** Extends a held lease (to `leaseUntil`, ISO); false when the lease was lost. */
  renew(owner: string, leaseUntil: string): Promise<boolean>;
  /** Records the end of a run held by `owner`. */
  finish(owner: string, outcome: RunOutcome): Promise<void>;
  /** The run, or null when it never started. */
  get(): Promise<DigestRun | null>;
  /** Claims one message of the digest before sending it (atomic insert). */
  claimItem(item: { itemKey: string; paperId: string | null; now: string }): Promise<ClaimResult>;
  /** Records the platform's reference for a claimed message. */
  markSent(itemKey: string, messageRef: string, now: string): Promise<void>;
  /** Releases a claim whose send failed for certain (the platform said no), so a retry may send it. */
  markFailed(itemKey: string, error: string): Promise<void>;
  /** The items of the digest, in claim order. */
  items(): Promise<SentItem[]>;
}

/**
 * The delivery ledger: the record that makes digests exactly-once across crashes and
 * concurrent processes, and maps platform message references back to papers.
 */
export interface DeliveryLedger {
  /** The handle for one (conversation, digestDay) run; creating it reads and writes nothing. */
  run(conversation: string, digestDay: string): DigestRunLedger;
  /**
   * Claims up to `limit` of the `due` channel-days for `claim.owner` at once (each as
   * `DigestRunLedger.claim` would) and returns those it took, in the order given. Instances
   * calling it together split the work: on Postgres a run another instance is claiming is
   * skipped (FOR UPDATE SKIP LOCKED), never waited for, and never taken twice.
   */
  claimDue(due: readonly DueRun[], claim: { owner: string; leaseUntil: string; now: string }, limit: number): Promise<DueRun[]>;
  /** The conversation's latest runs, newest first. */
  recentRuns(conversation: string, limit: number): Promise<DigestRun[]>;
  /** Every paper ever sent (or in doubt) to this conversation: never post one twice. */
  sentPaperIds(conversation: string): Promise<Set<string>>;
  /** The sent item with this platform message reference (reactions map back through it), or null. */
  findByMessageRef(messageRef: string): Promise<SentItem | null>;
  /** The newest sent message of `paperId` in this conversation (its digest post), or null. */
  latestPaperMessage(conversation: string, paperId: string): Promise<SentItem | null>;
  /** Paper messages sent since `sinceIso`, for reconciling reactions after a restart. */
  paperMessagesSince(sinceIso: string): Promise<SentItem[]>;
}

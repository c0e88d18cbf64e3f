/**
 * What the core counts for operators (commands, posts, votes, ingests, model calls). The
 * composition root plugs in a Prometheus implementation; everything else gets the no-op,
 * so the core never knows how (or whether) it is measured.
 */
export interface Telemetry {
  /** A command (or button) was answered; `outcome` is `ok` or the refusal's error code in lower case (`forbidden`, `internal`…). */
  commandAnswered(name: string, outcome: string): void;
  /** One digest message was sent (`sent`) or refused by the platform (`failed`). */
  postAttempted(platform: string, outcome: "sent" | "failed"): void;
  /** The platform answered 429 (counted by the adapter; the delivery engine releases the message, waits Retry-After and sends again). */
  rateLimited(platform: string): void;
  /** A digest message's outcome is unknown: the send threw mid-flight (`unknown-outcome`, looked up before any resend), or a restart found it claimed and could not look it up (`skipped`, not re-sent). */
  inDoubtSend(platform: string, kind: "unknown-outcome" | "skipped"): void;
  /** An ingest run ended: its source, status and papers stored (new plus updated). */
  ingestFinished(source: string, status: string, papers: number): void;
  /** A scheduled digest's first message went out this many seconds after its time. */
  deliveryLag(platform: string, seconds: number): void;
  /** A vote event: how it came (`reaction`, `command`) and what it did (`counted`, `removed`, `unchanged`, `duplicate-event`…). */
  voteEvent(via: string, outcome: string): void;
  /** A language-model call was attempted: what for (`tldr`, `ask`…) and how it ended (`ok`, `budget`, `timeout`…). */
  modelCalled(purpose: string, outcome: string): void;
}

/** Counts nothing: the default wherever no telemetry is plugged in (tests, the CLI). */
export const noopTelemetry: Telemetry = {
  commandAnswered: () => undefined,
  postAttempted: () => undefined,
  rateLimited: () => undefined,
  inDoubtSend: () => undefined,
  ingestFinished: () => undefined,
  deliveryLag: () => undefined,
  voteEvent: () => undefined,
  modelCalled: () => undefined,
};

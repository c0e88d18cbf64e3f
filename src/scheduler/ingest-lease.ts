import type { Clock } from "../core/clock.js";
import type { LeaseStore } from "../core/leases/lease-store.js";
import type { Logger } from "../core/logger.js";
import type { IngestRun, IngestRunStore } from "../core/papers/ingest-run-store.js";

/** The lease name: one instance at a time ingests. */
export const INGEST_LEASE = "ingest";

/** Default length of the ingest lease: 3 minutes (renewed every minute, so a dead holder is replaced within 3). */
export const DEFAULT_INGEST_LEASE_MS = 180_000;

/** What instances sharing one store coordinate ingests through. */
export interface IngestLeaseOptions {
  /** The shared leases. */
  leases: Pick<LeaseStore, "acquire" | "release">;
  /** The shared ingest ledger: when the latest ingest of any instance started and ended. */
  ingestRuns: Pick<IngestRunStore, "recent">;
  /** Lease length, ms; renewed every third of it while held. Default DEFAULT_INGEST_LEASE_MS. */
  ttlMs?: number;
}

/** One instance's side of the ingest lease. */
export interface IngestLease {
  /** Takes the lease when free or expired, or renews it; true when this instance holds it after. Never throws: a store that does not answer counts as not held. */
  hold(now: Date): Promise<boolean>;
  /** Whether the last hold() or renewal found it held. */
  held(): boolean;
  /** The latest ingest run of these sources by any instance, or null (none, or the store does not answer). */
  latest(): Promise<IngestRun | null>;
  /** Renews the lease every third of its length while held, until stop(). */
  startRenewing(): void;
  /** Stops renewing and gives the lease up, so another instance takes over at its next tick. */
  stop(): Promise<void>;
}

/** The ingest lease of `owner` over the scheduler's `sources` (their ledger names). */
export function createIngestLease(options: IngestLeaseOptions & { owner: string; sources: readonly string[]; clock: Clock; logger: Logger }): IngestLease {
  const { leases, ingestRuns, owner, clock, logger } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_INGEST_LEASE_MS;
  let isHeld = false;
  let renewing: ReturnType<typeof setInterval> | null = null;

  const hold = async (now: Date): Promise<boolean> => {
    let got = false;
    try {
      got = await leases.acquire(INGEST_LEASE, owner, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString());
    } catch (err) {
      if (isHeld) logger.warn({ reason: (err as Error).message }, "the ingest lease could not be renewed: the store does not answer; ingests pause until it does");
      else logger.debug({ reason: (err as Error).message }, "the ingest lease could not be checked");
    }
    if (got !== isHeld) logger.info({ owner }, got ? "took the ingest lease: this instance fetches papers for all" : "lost the ingest lease: another instance fetches papers");
    isHeld = got;
    return got;
  };

  return {
    hold,
    held: () => isHeld,
    async latest() {
      try {
        const runs = await ingestRuns.recent(20);
        return runs.find((r) => options.sources.includes(r.source)) ?? null;
      } catch {
        return null;
      }
    },
    startRenewing() {
      if (renewing) return;
      renewing = setInterval(() => {
        if (isHeld) void hold(clock.now());
      }, Math.max(100, Math.floor(ttlMs / 3)));
      renewing.unref();
    },
    async stop() {
      if (renewing) clearInterval(renewing);
      renewing = null;
      if (!isHeld) return;
      isHeld = false;
      await leases.release(INGEST_LEASE, owner).catch((err: unknown) => logger.warn({ reason: (err as Error).message }, "the ingest lease could not be released; it lapses on its own"));
    },
  };
}

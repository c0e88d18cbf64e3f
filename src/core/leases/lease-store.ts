/** A named lease as stored. */
export interface Lease {
  /** What is held, e.g. `ingest` or `discord-shard:2/4`. */
  name: string;
  /** Instance id of the holder. */
  holder: string;
  /** When this holder took it (ISO); a renewal keeps it. */
  acquiredAt: string;
  /** Until when it is held unless renewed (ISO). */
  expiresAt: string;
}

/**
 * Named leases in the shared store, so one instance at a time does a job (ingest, a Discord
 * shard) and another takes over when the holder dies. Times are the caller's clock as ISO
 * strings, compared as text, like the delivery ledger's leases.
 */
export interface LeaseStore {
  /**
   * Takes `name` for `holder` until `untilIso` when it is free, expired at `nowIso`, or
   * already `holder`'s (a renewal); true when `holder` holds it afterwards. Atomic: of
   * instances racing for a free lease exactly one gets true.
   */
  acquire(name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean>;
  /** Gives the lease up when `holder` holds it (so another may take it at once); true when it did. */
  release(name: string, holder: string): Promise<boolean>;
  /** The lease, live or expired, or null when never taken or released. */
  get(name: string): Promise<Lease | null>;
  /** Every lease whose name starts with `prefix`, live or expired, by name. */
  list(prefix: string): Promise<Lease[]>;
}

/**
 * Request counts per limit and fixed time window in the shared store, so instances that share
 * one bot token share its rate limit (Discord's 50 requests/s) instead of multiplying it.
 * Windows are named by their start as ISO text; the caller's clock picks them.
 */
export interface RateWindowStore {
  /**
   * Takes `n` requests of `limit` in `bucket`'s window that starts at `windowStartIso`; true
   * when granted. Atomic (one upsert): racing instances together never take more than `limit`
   * in one window, and a refused take changes nothing.
   */
  take(bucket: string, windowStartIso: string, n: number, limit: number): Promise<boolean>;
  /** Requests taken so far in a window (0 when none was taken). */
  taken(bucket: string, windowStartIso: string): Promise<number>;
  /** Deletes every bucket's windows that started before `beforeIso`; returns how many rows went. */
  prune(beforeIso: string): Promise<number>;
}

/** Remembers platform event ids so a retried or replayed event is handled once. */
export interface ProcessedEvents {
  /** True the first time `eventKey` is seen, false on every repeat. */
  markIfNew(eventKey: string): Promise<boolean>;
  /** Forgets keys recorded before `olderThanIso` (platforms stop retrying after minutes). */
  prune(olderThanIso: string): Promise<number>;
}

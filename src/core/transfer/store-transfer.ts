import type { StoreDocument } from "./store-document.js";

/** What an import changed, by kind (rows added or updated; 0 everywhere means the store already held it all). */
export interface ImportSummary {
  /** Channels whose settings were added or changed. */
  settings: number;
  /** Subscriptions added. */
  subscriptions: number;
  /** Votes added. */
  votes: number;
  /** Digest runs added. */
  runs: number;
  /** Posted-message records added. */
  items: number;
  /** Days of model-request counts added or raised. */
  llmUsage: number;
  /** Dropped learned terms and topic feedback votes added. */
  topicState: number;
  /** Slack installations added, or replaced by a newer one. */
  installations: number;
}

/** Moving what channels configured (and the saved state) out of a store and into another, SQLite or Postgres. */
export interface StoreTransfer {
  /** The whole document, in a stable order, so exporting the same store twice gives the same bytes. */
  exportAll(): Promise<StoreDocument>;
  /** Merges a validated document in one transaction: settings take the document's values, everything else is added when missing. Importing it twice changes nothing. */
  importAll(doc: StoreDocument): Promise<ImportSummary>;
}

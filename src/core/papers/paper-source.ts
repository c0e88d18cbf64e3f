import type { PaperInput } from "./paper.js";

/** Fetches single papers by id from an upstream (the arXiv API), for ids the store lacks. */
export interface PaperLookup {
  /** The paper's metadata, or null when the upstream says it does not exist. Throws BotError("UPSTREAM") when unreachable. */
  lookup(id: string): Promise<PaperInput | null>;
}

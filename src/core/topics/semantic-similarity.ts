import type { Logger } from "../logger.js";
import { topicCosines, type Embedder, type EmbeddingCache } from "./embeddings.js";

/** After an embeddings failure, lexical matching only for this long before the endpoint is tried again (ms), so a dead endpoint costs one timeout, not one per topic. */
export const EMBEDDINGS_RETRY_AFTER_MS = 60_000;

/** Semantic similarity of a topic to papers through a configured embeddings endpoint. */
export interface SemanticSimilarity {
  /** The embedding model (for explanations and logs). */
  readonly model: string;
  /** Weight of the cosine in the hybrid score (see hybrid-score.ts). */
  readonly weight: number;
  /** Cosines by paper id, or null when the endpoint failed or is pausing after a failure: then match by words only. Never throws. */
  cosines(topic: string, papers: readonly { id: string; title: string; abstract: string }[]): Promise<Map<string, number> | null>;
}

/** What createSemanticSimilarity takes. */
export interface SemanticSimilarityOptions {
  /** The endpoint's client. */
  embedder: Embedder;
  /** Where vectors are kept, so each paper and topic is embedded once. */
  cache: EmbeddingCache;
  /** Longest wait for one request, ms. */
  timeoutMs: number;
  /** Weight of the cosine. */
  weight: number;
  /** Where failures are logged: once when a burst of failures starts, once when the endpoint answers again. */
  logger: Logger;
  /** Milliseconds now (the pause after a failure). */
  now: () => number;
}

/** Builds the similarity: embeds through the cache, and after a failure uses words only for EMBEDDINGS_RETRY_AFTER_MS. */
export function createSemanticSimilarity(options: SemanticSimilarityOptions): SemanticSimilarity {
  let retryAt = 0;
  let failing = false;
  const { embedder, logger } = options;
  return {
    model: embedder.model,
    weight: options.weight,
    async cosines(topic, papers) {
      if (papers.length === 0) return new Map();
      const now = options.now();
      if (now < retryAt) return null;
      let reason = "";
      const result = await topicCosines(embedder, options.cache, topic, papers, options.timeoutMs, (r) => (reason = r));
      if (result === null) {
        retryAt = now + EMBEDDINGS_RETRY_AFTER_MS;
        if (!failing) logger.warn({ model: embedder.model, reason }, "embeddings failed; matching topics by their words only until the endpoint answers again");
        failing = true;
        return null;
      }
      if (failing) logger.info({ model: embedder.model }, "embeddings answer again");
      failing = false;
      return result;
    },
  };
}

/**
 * Optional embeddings for topic matching: ports and the pure parts. Off by default; any failure
 * (timeout, HTTP error, bad JSON, wrong dimensions) means lexical matching only.
 */

/** Turns texts into vectors (an OpenAI-compatible /v1/embeddings client lives outside the core). */
export interface Embedder {
  /** Model name, part of the cache key. */
  readonly model: string;
  /** One vector per text, in order, all of one length; rejects on any failure. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

/** Stored vectors by key (`model:paper:<id>`, `model:topic:<text>`), so papers and topics are embedded once. */
export interface EmbeddingCache {
  /** The vectors known for `keys`. */
  getMany(keys: readonly string[]): Promise<Map<string, number[]>>;
  /** Stores vectors. */
  putMany(entries: ReadonlyMap<string, number[]>): Promise<void>;
}

/** Cosine similarity; NaN when the lengths differ or a vector is zero or not finite. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.NaN;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const c = dot / Math.sqrt(na * nb);
  return Number.isFinite(c) ? c : Number.NaN;
}

/** A paper as embedded: title and abstract. */
export function paperText(paper: { title: string; abstract: string }): string {
  return `${paper.title}\n\n${paper.abstract}`;
}

/**
 * Cosines of a topic against papers, through the cache; embeds only what is missing, within
 * `timeoutMs` (default 5 s). Resolves to null on any failure, so the caller matches lexically;
 * `onFailure` hears why (for the log, never for users).
 */
export async function topicCosines(
  embedder: Embedder,
  cache: EmbeddingCache,
  topic: string,
  papers: readonly { id: string; title: string; abstract: string }[],
  timeoutMs = 5000,
  onFailure: (reason: string) => void = () => undefined,
): Promise<Map<string, number> | null> {
  const fail = (reason: string): null => {
    onFailure(reason);
    return null;
  };
  try {
    const topicKey = `${embedder.model}:topic:${topic}`;
    const keys = [topicKey, ...papers.map((p) => `${embedder.model}:paper:${p.id}`)];
    const known = await cache.getMany(keys);
    const missing = keys.filter((k) => !known.has(k));
    if (missing.length > 0) {
      const texts = missing.map((k) => (k === topicKey ? topic : paperText(papers.find((p) => `${embedder.model}:paper:${p.id}` === k) ?? { title: "", abstract: "" })));
      const vectors = await embedder.embed(texts, AbortSignal.timeout(timeoutMs));
      const fresh = new Map<string, number[]>();
      missing.forEach((k, i) => {
        const v = vectors[i];
        if (v) fresh.set(k, v);
      });
      const dims = new Set([...known.values(), ...fresh.values()].map((v) => v.length));
      if (fresh.size !== missing.length) return fail(`${fresh.size} vectors for ${missing.length} texts`);
      if (dims.size !== 1) return fail("vectors of different lengths (did the model change? set embeddings.model to the model that filled the cache)");
      await cache.putMany(fresh);
      for (const [k, v] of fresh) known.set(k, v);
    }
    const t = known.get(topicKey);
    if (!t) return fail("no vector for the topic");
    const out = new Map<string, number>();
    for (const p of papers) {
      const c = cosine(t, known.get(`${embedder.model}:paper:${p.id}`) ?? []);
      if (!Number.isNaN(c)) out.set(p.id, c);
    }
    return out;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

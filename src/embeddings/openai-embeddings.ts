import { z } from "zod";
import type { Embedder } from "../core/topics/embeddings.js";

/** Settings of an OpenAI-compatible embeddings endpoint (OpenAI, Ollama, vLLM). */
export interface OpenAiEmbeddingsOptions {
  /** Base URL without `/v1`, e.g. `http://localhost:11434` for Ollama. */
  baseUrl: string;
  /** Model name sent as `model`. */
  model: string;
  /** Bearer token, when the endpoint needs one (read from an env var by config). */
  apiKey?: string;
  /** Expected vector length; a response of another length is rejected. */
  dimensions?: number;
  /** Most texts per request (default 64). */
  batchSize?: number;
  /** The fetch to use (tests pass none; the global fetch is the default). */
  fetch?: typeof fetch;
}

/** The part of the /v1/embeddings response we read. */
const RESPONSE = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number().finite()).min(1) })),
});

/** An Embedder over an OpenAI-compatible `/v1/embeddings` endpoint; every failure rejects with a message naming the endpoint and the fix. */
export function createOpenAiEmbedder(options: OpenAiEmbeddingsOptions): Embedder {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/v1/embeddings`;
  const doFetch = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 64;
  const embedBatch = async (texts: readonly string[], signal?: AbortSignal): Promise<number[][]> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const init: RequestInit = { method: "POST", headers, body: JSON.stringify({ model: options.model, input: texts }) };
    if (signal) init.signal = signal;
    const res = await doFetch(url, init);
    if (!res.ok) throw new Error(`Embeddings endpoint ${url} answered HTTP ${res.status}; check the URL, model and key, or turn embeddings off`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new Error(`Embeddings endpoint ${url} did not return JSON; check that it is OpenAI-compatible`);
    }
    const parsed = RESPONSE.safeParse(body);
    if (!parsed.success) throw new Error(`Embeddings endpoint ${url} returned an unexpected shape; check that it is OpenAI-compatible`);
    const vectors: number[][] = new Array(texts.length);
    for (const d of parsed.data.data) if (d.index < texts.length) vectors[d.index] = d.embedding;
    if (vectors.some((v) => v === undefined) || [...vectors].filter(Boolean).length !== texts.length) {
      throw new Error(`Embeddings endpoint ${url} returned ${parsed.data.data.length} vectors for ${texts.length} texts`);
    }
    const want = options.dimensions ?? vectors[0]?.length;
    if (vectors.some((v) => v.length !== want)) {
      throw new Error(`Embeddings endpoint ${url} returned vectors of the wrong length (expected ${want}); set the model's dimensions in the config`);
    }
    return vectors;
  };
  return {
    model: options.model,
    async embed(texts, signal) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await embedBatch(texts.slice(i, i + batchSize), signal)));
      return out;
    },
  };
}

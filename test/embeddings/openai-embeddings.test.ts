import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddingCache } from "../../src/core/topics/embeddings.js";
import { cosine, topicCosines } from "../../src/core/topics/embeddings.js";
import { matchWithSignals } from "../../src/core/topics/hybrid-score.js";
import { parseTopicQuery } from "../../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../../src/core/topics/prepare-query.js";
import { createOpenAiEmbedder } from "../../src/embeddings/openai-embeddings.js";
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from "../fakes/fake-embeddings-server.js";

const memoryCache = (): EmbeddingCache & { store: Map<string, number[]> } => {
  const store = new Map<string, number[]>();
  return {
    store,
    getMany: async (keys) => new Map(keys.flatMap((k) => (store.has(k) ? [[k, store.get(k) as number[]] as const] : []))),
    putMany: async (entries) => {
      for (const [k, v] of entries) store.set(k, v);
    },
  };
};

const papers = [
  { id: "p1", title: "Teacher student compression of speech encoders", abstract: "We compress speech encoders with a teacher and a student." },
  { id: "p2", title: "Dark matter halos", abstract: "Weak lensing of galaxy clusters." },
];

describe("OpenAI-compatible embeddings (against a local fake)", () => {
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("embeds a topic and papers once, caches them, and returns cosines", async () => {
    server.behave({ kind: "ok", dimensions: 16 });
    const embedder = createOpenAiEmbedder({ baseUrl: server.url, model: "fake-embed", dimensions: 16 });
    const cache = memoryCache();
    const before = server.requests.length;
    const first = await topicCosines(embedder, cache, "speech teacher student", papers);
    expect(first?.get("p1")).toBeGreaterThan(first?.get("p2") ?? 1);
    expect(server.requests.length - before).toBe(1);
    expect(server.requests.at(-1)?.model).toBe("fake-embed");
    await topicCosines(embedder, cache, "speech teacher student", papers);
    expect(server.requests.length - before).toBe(1);
  });

  for (const [name, behaviour] of [
    ["an HTTP 500", { kind: "status", status: 500 }],
    ["garbage JSON", { kind: "garbage" }],
    ["vectors of the wrong length", { kind: "wrong-dimensions" }],
    ["a slow answer (past the timeout)", { kind: "delay", ms: 400, dimensions: 16 }],
  ] as const) {
    it(`falls back to lexical matching on ${name}`, async () => {
      server.behave(behaviour);
      const embedder = createOpenAiEmbedder({ baseUrl: server.url, model: "fake-embed" });
      const cache = memoryCache();
      const cosines = await topicCosines(embedder, cache, "speech recognition", papers, 100);
      expect(cosines).toBeNull();
      expect(cache.store.size).toBe(0);
      const compiled = prepareQuery(parseTopicQuery("speech recognition"));
      const paper = { id: "p3", title: "Streaming Speech Recognition on Phones", abstract: "", aiKeywords: [] };
      expect(matchWithSignals(compiled, { ...preparePaper(paper), ...paper }, {})?.why).toBe("speech recognition (title)");
    });
  }

  it("rejects with a message that says what to check", async () => {
    server.behave({ kind: "status", status: 500 });
    const embedder = createOpenAiEmbedder({ baseUrl: server.url, model: "fake-embed" });
    await expect(embedder.embed(["x"])).rejects.toThrow(/HTTP 500; check the URL, model and key, or turn embeddings off/);
  });
});

describe("the hybrid score", () => {
  const compiled = prepareQuery(parseTopicQuery("speech recognition"));
  const lexicalMiss = { id: "p4", title: "Compressing Audio Encoders for Phones", abstract: "We compress an encoder used for speech recognition on devices.", aiKeywords: [] };
  const prepared = { ...preparePaper(lexicalMiss), ...lexicalMiss };

  it("adds weight × cosine to the lexical score and explains it", () => {
    expect(matchWithSignals(compiled, prepared, {})).toBeNull();
    const m = matchWithSignals(compiled, prepared, { cosine: 0.65 });
    expect(m?.lexical).toBe(1);
    expect(m?.semantic).toBeCloseTo(0.75, 2);
    expect(m?.why).toBe("words below the threshold (1.00); semantic similarity 0.65 (+0.75)");
  });

  it("ignores a NaN or low cosine", () => {
    expect(matchWithSignals(compiled, prepared, { cosine: Number.NaN })).toBeNull();
    expect(matchWithSignals(compiled, prepared, { cosine: 0.2 })).toBeNull();
    expect(cosine([1, 0], [1, 0, 0])).toBeNaN();
  });
});

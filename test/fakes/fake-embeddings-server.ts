import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers the next request. */
export type EmbeddingsBehaviour =
  | { kind: "ok"; dimensions: number }
  | { kind: "status"; status: number }
  | { kind: "garbage" }
  | { kind: "wrong-dimensions" }
  | { kind: "delay"; ms: number; dimensions: number };

/** A local OpenAI-compatible /v1/embeddings stand-in on 127.0.0.1: a bag-of-words hash embedding, deterministic. */
export interface FakeEmbeddingsServer {
  /** Base URL without /v1. */
  url: string;
  /** Request bodies received, in order. */
  requests: { model: string; input: string[] }[];
  /** Sets how every following request is answered. */
  behave(b: EmbeddingsBehaviour): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/** A deterministic embedding: word hashes into `dims` buckets. */
export function hashEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    let h = 2166136261;
    for (const c of w) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[Math.abs(h) % dims] = (v[Math.abs(h) % dims] ?? 0) + 1;
  }
  return v;
}

/** Starts the fake. */
export async function startFakeEmbeddingsServer(): Promise<FakeEmbeddingsServer> {
  let behaviour: EmbeddingsBehaviour = { kind: "ok", dimensions: 16 };
  const requests: { model: string; input: string[] }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const parsed = JSON.parse(body) as { model: string; input: string[] };
      requests.push(parsed);
      const b = behaviour;
      const answer = (dims: number, wrong = false) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ object: "list", data: parsed.input.map((t, index) => ({ object: "embedding", index, embedding: hashEmbedding(t, wrong && index === 1 ? dims + 1 : dims) })) }));
      };
      if (b.kind === "ok") answer(b.dimensions);
      else if (b.kind === "wrong-dimensions") answer(16, true);
      else if (b.kind === "status") {
        res.statusCode = b.status;
        res.end("{}");
      } else if (b.kind === "garbage") {
        res.setHeader("content-type", "application/json");
        res.end('{"data": [{"index": 0, "embedding": "not numbers"');
      } else setTimeout(() => answer(b.dimensions), b.ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (b) => {
      behaviour = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

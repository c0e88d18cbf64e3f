import type { EmbeddingCache } from "../core/topics/embeddings.js";
import type { OpenDatabase } from "./open-database.js";

/** Keys are read in chunks of this many (SQLite's variable limit). */
const CHUNK = 400;

/** The EmbeddingCache port over SQLite: one JSON vector per key (`model:paper:<id>`, `model:topic:<text>`), written once. */
export function createSqliteEmbeddingCache(open: OpenDatabase, now: () => string): EmbeddingCache {
  const { sqlite } = open;
  const put = sqlite.prepare("INSERT INTO embeddings (cache_key, vector, created_at) VALUES (?, ?, ?) ON CONFLICT (cache_key) DO NOTHING");
  const putMany = sqlite.transaction((entries: ReadonlyMap<string, number[]>, at: string) => {
    for (const [key, vector] of entries) put.run(key, JSON.stringify(vector), at);
  });
  return {
    async getMany(keys) {
      const out = new Map<string, number[]>();
      const unique = [...new Set(keys)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const part = unique.slice(i, i + CHUNK);
        const rows = sqlite.prepare(`SELECT cache_key, vector FROM embeddings WHERE cache_key IN (${part.map(() => "?").join(",")})`).all(...part) as { cache_key: string; vector: string }[];
        for (const row of rows) out.set(row.cache_key, JSON.parse(row.vector) as number[]);
      }
      return out;
    },
    async putMany(entries) {
      putMany(entries, now());
    },
  };
}

import type { CachedKind, CachedText, SummaryCache } from "../core/summaries/summary-cache.js";
import type { OpenDatabase } from "./open-database.js";

/** A `summaries` row as read. */
interface SummaryRow {
  paper_id: string;
  kind: string;
  model: string;
  text: string;
  written_by: string;
  paper_version: number | null;
  created_at: string;
}

/** SummaryCache over the `summaries` and `llm_usage` tables; the budget is taken with one atomic upsert. */
export function createSqliteSummaryCache(open: OpenDatabase): SummaryCache {
  const { sqlite } = open;
  const select = sqlite.prepare("SELECT * FROM summaries WHERE paper_id = ? AND kind = ? AND model = ?");
  const upsert = sqlite.prepare(
    `INSERT INTO summaries (paper_id, kind, model, text, written_by, paper_version, created_at)
     VALUES (@paperId, @kind, @model, @text, @writtenBy, @paperVersion, @createdAt)
     ON CONFLICT (paper_id, kind, model) DO UPDATE SET text = excluded.text, written_by = excluded.written_by,
       paper_version = excluded.paper_version, created_at = excluded.created_at`,
  );
  const consume = sqlite.prepare(
    `INSERT INTO llm_usage (day, requests) SELECT @day, 1 WHERE @limit > 0
     ON CONFLICT (day) DO UPDATE SET requests = requests + 1 WHERE requests < @limit`,
  );
  const used = sqlite.prepare("SELECT requests FROM llm_usage WHERE day = ?");
  return {
    async get(paperId: string, kind: CachedKind, model: string): Promise<CachedText | null> {
      const row = select.get(paperId, kind, model) as SummaryRow | undefined;
      if (!row) return null;
      return { paperId: row.paper_id, kind: row.kind as CachedKind, model: row.model, text: row.text, writtenBy: row.written_by, paperVersion: row.paper_version, createdAt: row.created_at };
    },
    put: async (entry) => void upsert.run(entry),
    consumeRequest: async (day, limit) => consume.run({ day, limit }).changes > 0,
    requestsUsed: async (day) => (used.get(day) as { requests: number } | undefined)?.requests ?? 0,
  };
}

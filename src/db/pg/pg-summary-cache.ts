import type { CachedKind, CachedText, SummaryCache } from "../../core/summaries/summary-cache.js";
import type { OpenPgDatabase } from "./open-pg-database.js";

/**
 * SummaryCache over Postgres' summaries and llm_usage tables. The budget is one atomic
 * upsert: the row lock on the day serialises instances, and the guarded DO UPDATE never
 * counts past the limit, so N instances together send at most `limit` requests a day.
 */
export function createPgSummaryCache(open: OpenPgDatabase): SummaryCache {
  const { pool } = open;
  return {
    async get(paperId: string, kind: CachedKind, model: string): Promise<CachedText | null> {
      const row = (
        await pool.query<CachedText>(
          `SELECT paper_id AS "paperId", kind, model, text, written_by AS "writtenBy", paper_version AS "paperVersion", created_at AS "createdAt"
           FROM summaries WHERE paper_id = $1 AND kind = $2 AND model = $3`,
          [paperId, kind, model],
        )
      ).rows[0];
      return row ?? null;
    },
    async put(e) {
      await pool.query(
        `INSERT INTO summaries (paper_id, kind, model, text, written_by, paper_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (paper_id, kind, model) DO UPDATE SET text = excluded.text, written_by = excluded.written_by,
           paper_version = excluded.paper_version, created_at = excluded.created_at`,
        [e.paperId, e.kind, e.model, e.text, e.writtenBy, e.paperVersion, e.createdAt],
      );
    },
    async consumeRequest(day, limit) {
      const result = await pool.query(
        `INSERT INTO llm_usage AS u (day, requests) SELECT $1, 1 WHERE $2::int > 0
         ON CONFLICT (day) DO UPDATE SET requests = u.requests + 1 WHERE u.requests < $2::int`,
        [day, Math.trunc(limit)],
      );
      return (result.rowCount ?? 0) > 0;
    },
    requestsUsed: async (day) => (await pool.query<{ requests: number }>("SELECT requests FROM llm_usage WHERE day = $1", [day])).rows[0]?.requests ?? 0,
  };
}

import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open-database.js";
import { createTempDb } from "../helpers/temp-db.js";

describe("openDatabase", () => {
  it("applies migrations and opens in WAL mode", () => {
    const t = createTempDb();
    try {
      expect(t.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      const tables = t.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[];
      const names = tables.map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(["papers", "papers_fts", "subscriptions", "votes", "ingest_runs", "channel_settings"]));
    } finally {
      t.cleanup();
    }
  });

  it("refuses a database migrated by a newer version and leaves it untouched", () => {
    const t = createTempDb();
    t.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)").run(Date.now() + 10 * 365 * 86400_000);
    t.close();
    expect(() => openDatabase(t.path)).toThrow(/newer version of papers-bot/);
    const raw = new Database(t.path, { readonly: true });
    const rows = raw.prepare("SELECT hash FROM __drizzle_migrations ORDER BY created_at").all() as { hash: string }[];
    raw.close();
    expect(rows.at(-1)?.hash).toBe("future");
    t.cleanup();
  });
});

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/db/backup-database.js";
import { MIGRATIONS_DIR, openDatabase, pendingMigrations } from "../../src/db/open-database.js";
import { createSqlitePaperStore } from "../../src/db/sqlite-paper-store.js";
import { parseTopicQuery } from "../../src/core/topics/parse-topic-query.js";
import { testPaper } from "../llm/llm-test-app.js";
import { runEntry } from "../helpers/run-process.js";

const id = (n: number) => `2608.${String(n).padStart(5, "0")}`;

describe("papers backup: SQLite's online backup", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-backup-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("while another connection keeps writing, the copy opens, passes the integrity check and holds every paper up to a point in the writes", async () => {
    const store = openDatabase(join(dir, "papers.db"));
    const papers = createSqlitePaperStore(store);
    let written = 0;
    const writeBatch = async (size: number) => {
      await papers.upsert(Array.from({ length: size }, (_, i) => testPaper(id(written + i), `An abstract about sparse attention number ${written + i}, long enough to fill pages. `.repeat(4))));
      written += size;
    };
    for (let i = 0; i < 20; i += 1) await writeBatch(100);
    const before = written;
    let done = false;
    const writer = (async () => {
      while (!done) {
        await writeBatch(5);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const result = await backupDatabase(join(dir, "papers.db"), join(dir, "copies/copy.db"));
    done = true;
    await writer;
    expect(written).toBeGreaterThan(before);
    expect(result.path).toBe(join(dir, "copies/copy.db"));
    expect(existsSync(`${result.path}.partial`)).toBe(false);

    const raw = new Database(result.path, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = (raw.prepare("SELECT id FROM papers ORDER BY id").all() as { id: string }[]).map((r) => r.id);
    raw.close();
    // Writes happen in id order, so a consistent snapshot is a prefix of them: every paper up to its moment, none missing.
    expect(ids.length).toBeGreaterThanOrEqual(before);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => id(i)));
    const copy = openDatabase(result.path);
    expect(copy.migrationBackup).toBeNull();
    expect(await createSqlitePaperStore(copy).search(parseTopicQuery("sparse attention"), { limit: 3 })).toHaveLength(3);
    copy.close();
    store.close();
  });

  it("refuses to overwrite a file, and a missing store, saying what to do", async () => {
    openDatabase(join(dir, "papers.db")).close();
    writeFileSync(join(dir, "taken.db"), "x");
    await expect(backupDatabase(join(dir, "papers.db"), join(dir, "taken.db"))).rejects.toThrow(/already exists; papers backup does not overwrite/);
    await expect(backupDatabase(join(dir, "nope.db"), join(dir, "b.db"))).rejects.toThrow(/There is no store at .*nope\.db\. Check PAPERS_DB/);
  });

  it("as a real process: backs up the configured store, and on Postgres says to use pg_dump and exits 1", async () => {
    const store = openDatabase(join(dir, "papers.db"));
    await createSqlitePaperStore(store).upsert([testPaper(id(1), "abstract")]);
    store.close();
    writeFileSync(join(dir, "papers.json"), "{}");
    const good = await runEntry("src/cli/cli.ts", ["backup", join(dir, "b.db")], { env: { PAPERS_CONFIG: join(dir, "papers.json"), PAPERS_DB: join(dir, "papers.db") } });
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^Backed up .*papers\.db to .*b\.db \(\d+ KB\)\. Restore: stop the bot/);
    const pg = await runEntry("src/cli/cli.ts", ["backup", join(dir, "c.db")], { env: { PAPERS_CONFIG: join(dir, "papers.json"), PAPERS_DB: "postgres://bot@db:5432/papers" } });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toMatch(/^papers: papers backup copies SQLite stores, and this store is Postgres\. Use pg_dump instead/);
    expect(existsSync(join(dir, "c.db"))).toBe(false);
  });
});

describe("a backup before migrating a store that holds data", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-migrate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A store migrated with all but the newest migration, like one an older release wrote. */
  function olderStore(path: string, withPaper: boolean): string {
    const old = join(dir, "old-migrations");
    cpSync(MIGRATIONS_DIR, old, { recursive: true });
    const journalPath = join(old, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    const newest = journal.entries.pop()!.tag;
    writeFileSync(journalPath, JSON.stringify(journal));
    const sqlite = new Database(path);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    if (withPaper) sqlite.prepare("INSERT INTO papers (id, title, first_seen_at, last_seen_at) VALUES ('2608.00001', 'Kept', '2026-08-01', '2026-08-01')").run();
    sqlite.close();
    return newest;
  }

  it("writes the copy beside the store, says where, and the copy is the store as it was", () => {
    const path = join(dir, "papers.db");
    const newest = olderStore(path, true);
    const opened = openDatabase(path);
    expect(opened.migrationBackup).not.toBeNull();
    const backup = opened.migrationBackup!;
    expect(backup.applied).toEqual([newest]);
    expect(backup.path).toMatch(new RegExp(`^${dir}/papers\\.db\\.before-${newest}\\.[0-9T-]+Z\\.bak$`));
    expect(pendingMigrations(opened.sqlite)).toEqual([]);
    opened.close();
    const copy = new Database(backup.path, { readonly: true });
    expect(pendingMigrations(copy)).toEqual([newest]);
    expect(copy.prepare("SELECT title FROM papers").all()).toEqual([{ title: "Kept" }]);
    copy.close();
  });

  it("writes nothing for an empty store, a new one, or one already up to date", () => {
    olderStore(join(dir, "empty.db"), false);
    const empty = openDatabase(join(dir, "empty.db"));
    expect(empty.migrationBackup).toBeNull();
    empty.close();
    const fresh = openDatabase(join(dir, "new.db"));
    expect(fresh.migrationBackup).toBeNull();
    fresh.sqlite.prepare("INSERT INTO papers (id, title, first_seen_at, last_seen_at) VALUES ('2608.00001', 'x', 'a', 'b')").run();
    fresh.close();
    const again = openDatabase(join(dir, "new.db"));
    expect(again.migrationBackup).toBeNull();
    again.close();
    expect(readdirSync(dir).filter((f) => f.endsWith(".bak"))).toEqual([]);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDatabase } from "../../src/db/open-database.js";
import { createSqliteVoteStore } from "../../src/db/sqlite-vote-store.js";

describe("vote sources migration", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("keeps every vote cast before sources existed, and a legacy reaction vote still follows the reconcile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "papers-mig-"));
    dirs.push(dir);
    // The migrations as they were before vote_sources: everything up to 0007.
    const before = join(dir, "drizzle-before");
    cpSync(MIGRATIONS_DIR, before, { recursive: true });
    const journalPath = join(before, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0008");
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, "papers.db");
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: before });
    const insert = old.prepare("INSERT INTO votes (conversation, paper_id, user_id, workspace, via, at) VALUES (?, ?, ?, ?, ?, ?)");
    insert.run("discord:G1:C1", "p1", "u1", "G1", "reaction", "2026-08-01T00:00:00.000Z");
    insert.run("discord:G1:C1", "p1", "u2", "G1", "command", "2026-08-01T00:00:00.000Z");
    old.close();

    const opened = openDatabase(path);
    try {
      const votes = createSqliteVoteStore(opened);
      expect((await votes.counts({ conversation: "discord:G1:C1" }, ["p1"])).get("p1")).toBe(2);
      expect(await votes.reactionSources("discord:G1:C1", "p1")).toEqual([{ userId: "u1", source: "reaction:legacy" }]);
      // A reaction source on top of the command vote, removed again: the command still holds it.
      await votes.add({ conversation: "discord:G1:C1", paperId: "p1", userId: "u2", workspace: "G1", via: "reaction", at: "2026-08-02T00:00:00.000Z", source: "reaction:m1:u:1F44D" });
      expect(await votes.remove("discord:G1:C1", "p1", "u2", "reaction:m1:u:1F44D")).toBe(false);
      expect(await votes.remove("discord:G1:C1", "p1", "u1", "reaction:legacy")).toBe(true);
      expect((await votes.counts({ conversation: "discord:G1:C1" }, ["p1"])).get("p1")).toBe(1);
      createSqliteVoteStore(opened); // the backfill runs on every open and adds nothing twice
      expect(opened.sqlite.prepare("SELECT COUNT(*) AS n FROM vote_sources").get()).toEqual({ n: 1 });
    } finally {
      opened.close();
    }
  });
});

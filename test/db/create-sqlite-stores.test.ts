import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open-database.js";
import { createSqliteStores } from "../../src/db/create-sqlite-stores.js";
import { createTempDb } from "../helpers/temp-db.js";

describe("createSqliteStores", () => {
  it("keeps every store's data across closing and reopening the file", async () => {
    const t = createTempDb();
    const before = createSqliteStores(t);
    await before.papers.upsert([{ id: "2410.17243", source: "hf", title: "Persistent Tokenization", hfUpvotes: 4, dailyDate: "2024-10-23" }]);
    await before.subscriptions.add({ conversation: "shell:local:main", platform: "shell", workspace: "local", topic: "tokenization", addedBy: "me", addedAt: "2024-10-23T00:00:00.000Z" });
    await before.votes.add({ paperId: "2410.17243", conversation: "shell:local:main", workspace: "local", userId: "me", via: "command", at: "2024-10-23T00:00:00.000Z" });
    const run = await before.ingestRuns.start("hf", "2024-10-23");
    await before.processedEvents.markIfNew("shell:1");
    t.close();

    const reopened = openDatabase(t.path);
    try {
      const after = createSqliteStores(reopened);
      expect(await after.papers.get("2410.17243")).toMatchObject({ title: "Persistent Tokenization", dailyDates: ["2024-10-23"] });
      expect(await after.papers.search({ raw: "tokenization", anyOf: [[{ kind: "word", text: "tokenization" }]], exclude: [] }, { limit: 5 })).toHaveLength(1);
      expect((await after.subscriptions.list("shell:local:main")).map((s) => s.topic)).toEqual(["tokenization"]);
      expect(await after.votes.add({ paperId: "2410.17243", conversation: "shell:local:main", workspace: "local", userId: "me", via: "button", at: "2024-10-24T00:00:00.000Z" })).toBe(false);
      expect((await after.ingestRuns.recent(1))[0]?.id).toBe(run);
      expect(await after.processedEvents.markIfNew("shell:1")).toBe(false);
    } finally {
      reopened.close();
      t.cleanup();
    }
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDigest } from "../../src/core/digest/deliver-digest.js";
import type { StoreDocument } from "../../src/core/transfer/store-document.js";
import { createPgStoresOver } from "../../src/db/pg/create-pg-stores.js";
import { createSqliteStores } from "../../src/db/create-sqlite-stores.js";
import { CHANNEL, createDigestApp, putSettings, request } from "../core/digest/digest-setup.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { runEntry } from "../helpers/run-process.js";
import { say, testConfig } from "../helpers/test-app.js";
import { tempPg, type TempPgDatabase } from "../helpers/temp-pg.js";

describe("papers migrate-store --to postgres://…, as a real process", () => {
  let app: Awaited<ReturnType<typeof createDigestApp>>;
  let pg: TempPgDatabase;
  let env: Record<string, string>;
  let doc: StoreDocument;
  let papers: number;

  beforeAll(async () => {
    app = await createDigestApp();
    await putSettings(app, { timezone: "Europe/Paris", useThread: true });
    await say(app, "subscribe agents", { conversation: CHANNEL });
    expect((await deliverDigest(app.ports, createFakeChatAdapter(), request("2026-08-03"))).kind).toBe("sent");
    await app.ports.llm.cache.put({ paperId: "2608.00001", kind: "tldr", model: "m", text: "{}", writtenBy: "m", paperVersion: 1, createdAt: "2026-08-04T09:00:00.000Z" });
    await createSqliteStores(app.database).installations.save({ installKey: "T0WS1", teamId: "T0WS1", enterpriseId: null, sealed: "v1.sealed-elsewhere" }, "2026-08-04T08:00:00.000Z");
    doc = await app.transfer.exportAll();
    papers = await app.ports.papers.count();
    app.close();
    const config = join(app.dir, "migrate.json");
    writeFileSync(config, JSON.stringify(testConfig(app.config.database.path)));
    env = { PAPERS_CONFIG: config };
    pg = tempPg();
    await pg.create();
  });
  afterAll(async () => {
    app.cleanup();
    await pg.cleanup();
  });

  it("copies every paper and the channels' state, then a second run adds nothing", async () => {
    const first = await runEntry("src/cli/cli.ts", ["migrate-store", "--to", pg.url], { env });
    expect(first.stderr).not.toMatch(/^papers: /m);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Copied .+papers\\.db to postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/papers_[0-9a-f]+: ${papers} papers, \\d+ listing days, 1 cached summaries, \\d+ ingest runs`));
    expect(first.stderr).toContain(`copying papers: ${papers}/${papers}`);
    const stores = createPgStoresOver(await pg.open());
    expect(await stores.papers.count()).toBe(papers);
    expect(await stores.transfer.exportAll()).toEqual(doc);
    expect(await stores.summaryCache.get("2608.00001", "tldr", "m")).toMatchObject({ text: "{}" });
    expect((await stores.papers.listDaily("2026-08-03")).length).toBeGreaterThan(0);
    expect((await stores.ingestRuns.recent(10)).length).toBeGreaterThan(0);
    expect(first.stdout).toContain("1 Slack installations");
    expect(await stores.installations.find("T0WS1")).toMatchObject({ teamId: "T0WS1", sealed: "v1.sealed-elsewhere", installedAt: "2026-08-04T08:00:00.000Z" });
    await stores.ingestRuns.start("hf", "2026-08-05");

    const second = await runEntry("src/cli/cli.ts", ["migrate-store", "--to", pg.url], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: 0 papers, 0 listing days, 0 cached summaries, 0 ingest runs, 0 processed events, 0 Slack installations and 0 rows .* added \(the Postgres store already held all of it\)\./);
    expect(await stores.papers.count()).toBe(papers);
  });

  it("refuses a target that is not Postgres in one line", async () => {
    const result = await runEntry("src/cli/cli.ts", ["migrate-store", "--to", "mysql://u@127.0.0.1/db"], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^papers: --to must start with postgres:\/\/ or postgresql:\/\/ \(got mysql:\/\/\)/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDigest } from "../../src/core/digest/deliver-digest.js";
import type { StoreDocument } from "../../src/core/transfer/store-document.js";
import { createPgStoresOver, type PgStores } from "../../src/db/pg/create-pg-stores.js";
import { createSqliteStores } from "../../src/db/create-sqlite-stores.js";
import { CHANNEL, createDigestApp, putSettings, request } from "../core/digest/digest-setup.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { createTestApp, say } from "../helpers/test-app.js";
import { tempPg } from "../helpers/temp-pg.js";

describe("StoreTransfer across dialects: SQLite → Postgres → SQLite", () => {
  const pg = tempPg();
  let postgres: PgStores;
  let doc: StoreDocument;
  const apps: ReturnType<typeof createTestApp>[] = [];
  beforeAll(async () => {
    postgres = createPgStoresOver(await pg.open());
    const app = await createDigestApp();
    apps.push(app);
    await putSettings(app, { timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], useThread: true, mode: "topics" });
    await say(app, "subscribe agents", { conversation: CHANNEL });
    await say(app, "subscribe tokenization", { conversation: "slack:T1:C9" });
    expect((await deliverDigest(app.ports, createFakeChatAdapter(), request("2026-08-03"))).kind).toBe("sent");
    const paper = (await app.ports.ledger.run(CHANNEL, "2026-08-03").items()).find((i) => i.paperId)?.paperId ?? "";
    await say(app, `upvote ${paper}`, { conversation: CHANNEL, id: "bob" });
    await app.ports.llm.cache.consumeRequest("2026-08-04", 200);
    const installs = createSqliteStores(app.database).installations;
    await installs.save({ installKey: "T1", teamId: "T1", enterpriseId: null, sealed: "v1.a" }, "2026-08-04T08:00:00.000Z");
    await installs.save({ installKey: "E1", teamId: null, enterpriseId: "E1", sealed: "v1.b" }, "2026-08-04T08:00:00.000Z");
    doc = await app.transfer.exportAll();
  });
  afterAll(async () => {
    for (const app of apps) app.cleanup();
    await pg.cleanup();
  });

  it("imports a SQLite export into Postgres, exports the same document back, and a second import changes nothing", async () => {
    expect(doc.delivery.items.length).toBeGreaterThan(1);
    const first = await postgres.transfer.importAll(doc);
    expect(first).toEqual({ settings: 1, subscriptions: 2, votes: 1, runs: 1, items: doc.delivery.items.length, llmUsage: 1, topicState: doc.topics.feedback.length + doc.topics.droppedTerms.length, installations: 2 });
    expect(await postgres.transfer.exportAll()).toEqual(doc);
    expect(await postgres.transfer.importAll(doc)).toEqual({ settings: 0, subscriptions: 0, votes: 0, runs: 0, items: 0, llmUsage: 0, topicState: 0, installations: 0 });
    expect((await postgres.channelSettings.get(CHANNEL))?.useThread).toBe(true);
  });

  it("moves the Postgres copy into a fresh SQLite store unchanged", async () => {
    const target = createTestApp();
    apps.push(target);
    await target.transfer.importAll(await postgres.transfer.exportAll());
    expect(await target.transfer.exportAll()).toEqual(doc);
  });
});

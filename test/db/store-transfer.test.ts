import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deliverDigest } from "../../src/core/digest/deliver-digest.js";
import { parseStoreDocument, type StoreDocument } from "../../src/core/transfer/store-document.js";
import { CHANNEL, createDigestApp, putSettings, request } from "../core/digest/digest-setup.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { createTestApp, say } from "../helpers/test-app.js";
import { runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { createSqliteStores } from "../../src/db/create-sqlite-stores.js";

type TestApp = ReturnType<typeof createTestApp>;

/** A store with something of every kind: settings, subscriptions (also on a channel without settings), votes, a delivered digest and model usage. */
async function populated(): Promise<TestApp> {
  const app = await createDigestApp();
  await putSettings(app, { timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], useThread: true, mode: "topics" });
  await say(app, "subscribe agents", { conversation: CHANNEL });
  await say(app, 'subscribe diffusion OR "flow matching" -video', { conversation: CHANNEL });
  await say(app, "subscribe tokenization", { conversation: "slack:T1:C9" });
  await say(app, "subscribe memory", { conversation: "slack:T1:C9" });
  const adapter = createFakeChatAdapter();
  const outcome = await deliverDigest(app.ports, adapter, request("2026-08-03"));
  expect(outcome.kind).toBe("sent");
  const paper = (await app.ports.ledger.run(CHANNEL, "2026-08-03").items()).find((i) => i.paperId)!.paperId!;
  await say(app, `upvote ${paper}`, { conversation: CHANNEL, id: "bob" });
  await app.ports.llm.cache.consumeRequest("2026-08-04", 200);
  await createSqliteStores(app.database).installations.save({ installKey: "T1", teamId: "T1", enterpriseId: null, sealed: "v1.sealed-elsewhere" }, "2026-08-04T08:00:00.000Z");
  return app;
}

const tables = (app: TestApp) =>
  Object.fromEntries(["channel_settings", "subscriptions", "votes", "digest_runs", "deliveries", "llm_usage", "topic_dropped_terms", "topic_feedback", "slack_installations"].map((t) => [t, app.database.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));

describe("papers export and papers import", () => {
  const apps: TestApp[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.cleanup();
  });

  it("export → import into an empty store → export gives the same document; a second import changes nothing", async () => {
    const source = await populated();
    const target = createTestApp();
    apps.push(source, target);
    const doc = await source.transfer.exportAll();
    expect(doc.channels.map((c) => [c.conversation, c.settings?.timezone ?? null, c.subscriptions.map((s) => s.topic)])).toEqual([
      [CHANNEL, "Europe/Paris", ["agents", 'diffusion OR "flow matching" -video']],
      ["slack:T1:C9", null, ["memory", "tokenization"]],
    ]);
    expect(doc.votes).toHaveLength(1);
    expect(doc.delivery.runs).toMatchObject([{ conversation: CHANNEL, digestDay: "2026-08-03", status: "sent" }]);
    expect(doc.delivery.items.length).toBeGreaterThan(1);
    expect(doc.llmUsage).toEqual([{ day: "2026-08-04", requests: 1 }]);
    // Installs travel sealed, exactly as stored.
    expect(doc.slackInstallations).toEqual([{ installKey: "T1", teamId: "T1", enterpriseId: null, sealed: "v1.sealed-elsewhere", installedAt: "2026-08-04T08:00:00.000Z", updatedAt: "2026-08-04T08:00:00.000Z" }]);
    // The upvote in a topic channel is also topic feedback; the channel's steering travels with it.
    expect(doc.topics.feedback).toMatchObject([{ conversation: CHANNEL, userId: "bob", kind: "up" }]);

    // Through the text, as a file would carry it.
    const text = JSON.stringify(doc, null, 2);
    const first = await target.transfer.importAll(parseStoreDocument(text, "export.json"));
    expect(first).toEqual({ settings: 1, subscriptions: 4, votes: 1, runs: 1, items: doc.delivery.items.length, llmUsage: 1, topicState: 1, installations: 1 });
    expect(await target.transfer.exportAll()).toEqual(doc);
    const rows = tables(target);
    expect(await target.transfer.importAll(parseStoreDocument(text, "export.json"))).toEqual({ settings: 0, subscriptions: 0, votes: 0, runs: 0, items: 0, llmUsage: 0, topicState: 0, installations: 0 });
    expect(tables(target)).toEqual(rows);
    // What was imported works: the channel's topics, and its schedule.
    expect((await say(target, "topics", { conversation: "slack:T1:C9" })).fallbackText).toMatch(/memory/);
    expect(await target.ports.channelSettings.get(CHANNEL)).toMatchObject({ timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], useThread: true, mode: "topics", postTime: "08:00" });
  });

  it("import merges: settings take the file's values, the target's own rows stay", async () => {
    const source = await populated();
    const target = createTestApp();
    apps.push(source, target);
    await putSettings(target, { timezone: "Asia/Tokyo", maxPapers: 3 });
    await say(target, "subscribe robotics", { conversation: CHANNEL });
    const summary = await target.transfer.importAll(await source.transfer.exportAll());
    expect(summary.settings).toBe(1);
    expect(await target.ports.channelSettings.get(CHANNEL)).toMatchObject({ timezone: "Europe/Paris", maxPapers: 10 });
    expect((await target.ports.subscriptions.list(CHANNEL)).map((s) => s.topic).sort()).toEqual(["agents", 'diffusion OR "flow matching" -video', "robotics"]);
  });

  it("a malformed, future-version or wrongly typed file is refused with the reason, and changes nothing", async () => {
    const source = await populated();
    const target = createTestApp();
    apps.push(source, target);
    await putSettings(target, { timezone: "Asia/Tokyo" });
    const before = tables(target);
    const good = await source.transfer.exportAll();
    const bad = (doc: unknown) => JSON.stringify(doc);
    const withChannel = (patch: Record<string, unknown>): StoreDocument => ({ ...good, channels: [{ ...good.channels[0]!, settings: { ...good.channels[0]!.settings!, ...patch } }] });
    const cases: [string, RegExp][] = [
      ['{"format": "papers-bot-export", "version": 1, "channels": [', /^f\.json is not valid JSON \(.+\); nothing was imported\./],
      [bad({ hello: "world" }), /^f\.json is not a papers-bot export \(no "format": "papers-bot-export"\); nothing was imported\./],
      [bad({ ...good, version: 2 }), /^f\.json was written by a newer papers-bot \(format version 2; this one reads version 1\); nothing was imported\. Upgrade the bot, then import it\.$/],
      [bad(withChannel({ maxPapers: "ten" })), /^f\.json does not match the export format: channels\.0\.settings\.maxPapers: .*number.*; nothing was imported\./],
      [bad({ ...good, votes: [{ ...good.votes[0]!, via: "telepathy" }] }), /votes\.0\.via: /],
      [bad(withChannel({ postTime: "25:99" })), /channels\.0\.settings\.postTime: use HH:MM/],
      [bad({ ...good, extra: true }), /\(top level\): Unrecognized key/],
    ];
    for (const [text, reason] of cases) {
      expect(() => parseStoreDocument(text, "f.json")).toThrow(reason);
    }
    expect(tables(target)).toEqual(before);
  });

  it("as real processes: papers export --out, then papers import into another store, twice", async () => {
    const source = await populated();
    apps.push(source);
    const target = createTestApp();
    apps.push(target);
    const configFor = (app: TestApp) => {
      const path = join(app.dir, "cli.json");
      writeFileSync(path, JSON.stringify(testConfig(join(app.dir, "papers.db"))));
      return { PAPERS_CONFIG: path };
    };
    const sourceEnv = configFor(source);
    const targetEnv = configFor(target);
    const file = join(source.dir, "export.json");
    const exported = await runEntry("src/cli/cli.ts", ["export", "--out", file], { env: sourceEnv });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^Exported 2 channels, 1 vote and \d+ posted messages to .*export\.json\.$/m);
    const onStdout = await runEntry("src/cli/cli.ts", ["export"], { env: sourceEnv });
    expect(JSON.parse(onStdout.stdout)).toEqual(JSON.parse(readFileSync(file, "utf8")));
    const first = await runEntry("src/cli/cli.ts", ["import", file], { env: targetEnv });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Imported .*export\.json: 1 channel's settings, 4 subscriptions, 1 vote, 1 digest run, \d+ posted messages, 1 day of model usage, 1 topic feedback or dropped term, 1 Slack installation added or updated\.$/m);
    const second = await runEntry("src/cli/cli.ts", ["import", file], { env: targetEnv });
    expect(second.stdout).toMatch(/the store already held all of it; nothing changed\./);
    writeFileSync(join(source.dir, "future.json"), JSON.stringify({ format: "papers-bot-export", version: 9 }));
    const refused = await runEntry("src/cli/cli.ts", ["import", join(source.dir, "future.json")], { env: targetEnv });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^papers: .*future\.json was written by a newer papers-bot \(format version 9/);
  });
});

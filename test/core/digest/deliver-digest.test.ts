import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverDigest } from "../../../src/core/digest/deliver-digest.js";
import { createFakeChatAdapter, type FakeChatAdapter } from "../../fakes/fake-chat-adapter.js";
import { CHANNEL, createDigestApp, deliveryTables, putSettings, request } from "./digest-setup.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const paperIdsSent = (fake: FakeChatAdapter) => fake.sends.flatMap((s) => s.message.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.id] : [])));

describe("deliverDigest over a real ledger", () => {
  let app: App;
  let fake: FakeChatAdapter;
  beforeEach(async () => {
    app = await createDigestApp();
    fake = createFakeChatAdapter({ limits: null });
  });
  afterEach(() => app.cleanup());

  it("posts the header then one message per paper, records refs, and is done once", async () => {
    await putSettings(app);
    expect(await deliverDigest(app.ports, fake, request("2026-07-31"))).toEqual({ kind: "sent", papers: 5 });
    expect(fake.sends[0]!.message.blocks[0]).toEqual({ kind: "header", text: "Papers for 2026-07-31" });
    expect(paperIdsSent(fake)).toEqual(["2607.28582", "2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    const items = await app.ports.ledger.run(CHANNEL, "2026-07-31").items();
    expect(items.map((i) => [i.itemKey, i.status])).toEqual([["header", "sent"], ...paperIdsSent(fake).map((id) => [`paper:${id}`, "sent"])]);
    expect((await app.ports.ledger.findByMessageRef(fake.sends[2]!.ref))?.paperId).toBe("2607.27958");
    expect(await app.ports.ledger.run(CHANNEL, "2026-07-31").get()).toMatchObject({ status: "sent", papersSent: 5 });
    expect(await deliverDigest(app.ports, fake, request("2026-07-31", { owner: "other" }))).toEqual({ kind: "already-done" });
    expect(fake.sends).toHaveLength(6);
  });

  it("threads papers under the header when the channel asks for it", async () => {
    await putSettings(app, { useThread: true, maxPapers: 2 });
    await deliverDigest(app.ports, fake, request("2026-07-31"));
    expect(fake.sends.map((s) => s.options?.threadOf)).toEqual([undefined, fake.sends[0]!.ref, fake.sends[0]!.ref]);
  });

  it("waits (writing nothing) until the list is out or the cut-off passes, then posts a notice", async () => {
    await putSettings(app);
    await deliverDigest(app.ports, fake, request("2026-08-03"));
    const before = deliveryTables(app);
    const waiting = await deliverDigest(app.ports, fake, request("2026-08-04", { scheduledFor: "2026-08-04T08:00:00Z", cutoff: "2026-08-04T12:00:00Z" }));
    expect(waiting).toMatchObject({ kind: "not-ready", reason: expect.stringMatching(/Hugging Face list of 2026-08-04 is not out yet/) });
    expect(deliveryTables(app)).toEqual(before);
    const notice = await deliverDigest(app.ports, fake, request("2026-08-04", { scheduledFor: "2026-08-04T08:00:00Z", cutoff: "2026-08-04T08:30:00Z" }));
    expect(notice).toEqual({ kind: "notice", text: "no new papers: Hugging Face has no list for 2026-08-04 (an arXiv holiday, or the list is late)" });
    expect(fake.sends.at(-1)!.message.fallbackText).toBe(notice.kind === "notice" ? notice.text : "");
    expect((await app.ports.ledger.run(CHANNEL, "2026-08-04").get())?.status).toBe("notice");
  });

  it("a duplicate run at the same time posts once", async () => {
    await putSettings(app);
    const slow = createFakeChatAdapter({ limits: null, latencyMs: 20 });
    const outcomes = await Promise.all([
      deliverDigest(app.ports, slow, request("2026-07-31", { owner: "scheduler" })),
      deliverDigest(app.ports, slow, request("2026-07-31", { owner: "manual-cli" })),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["busy", "sent"]);
    expect(slow.sends).toHaveLength(6);
  });

  it("a transient failure stops the run; a retry sends only what remains", async () => {
    await putSettings(app);
    fake.failChannel(CHANNEL, { permanent: false, reason: "ECONNRESET", times: 1, after: 3 });
    expect(await deliverDigest(app.ports, fake, request("2026-07-31"))).toEqual({ kind: "failed", reason: "ECONNRESET", permanent: false });
    expect((await app.ports.ledger.run(CHANNEL, "2026-07-31").get())?.status).toBe("running");
    expect(await deliverDigest(app.ports, fake, request("2026-07-31", { owner: "retry" }))).toEqual({ kind: "sent", papers: 5 });
    expect(paperIdsSent(fake)).toEqual(["2607.28582", "2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    expect(fake.sends.filter((s) => s.message.blocks[0]?.kind === "header")).toHaveLength(1);
    expect((await app.ports.channelSettings.get(CHANNEL))?.failureCount).toBe(0);
  });

  it("three permanent failures in a row pause the channel with the reason; a success resets the count", async () => {
    await putSettings(app);
    fake.failChannel(CHANNEL, { permanent: true, reason: "channel_not_found", times: 1 });
    expect(await deliverDigest(app.ports, fake, request("2026-06-12"))).toEqual({ kind: "failed", reason: "channel_not_found", permanent: true });
    expect(await app.ports.channelSettings.get(CHANNEL)).toMatchObject({ failureCount: 1, paused: false, lastError: expect.stringMatching(/^channel_not_found/) });
    await deliverDigest(app.ports, fake, request("2026-07-31"));
    expect((await app.ports.channelSettings.get(CHANNEL))?.failureCount).toBe(0);
    fake.failChannel(CHANNEL, { permanent: true, reason: "Missing Access" });
    for (const day of ["2026-08-01", "2026-08-02", "2026-08-03"]) {
      expect(await deliverDigest(app.ports, fake, request(day, { cutoff: null }))).toMatchObject({ kind: "failed", permanent: true });
    }
    expect(await app.ports.channelSettings.get(CHANNEL)).toMatchObject({
      failureCount: 3,
      paused: true,
      pausedReason: "paused after 3 failed posts: Missing Access; fix the bot's access and run /papers resume",
    });
    expect((await app.ports.ledger.run(CHANNEL, "2026-08-03").get())?.status).toBe("failed");
    expect(await deliverDigest(app.ports, fake, request("2026-08-04"))).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/^paused: paused after 3/) });
  });

  it("dry-run returns the messages and writes nothing", async () => {
    await putSettings(app, { maxPapers: 3 });
    const before = deliveryTables(app);
    const outcome = await deliverDigest(app.ports, fake, request("2026-07-31", { dryRun: true }));
    expect(outcome.kind === "dry-run" && outcome.messages.map((m) => m.fallbackText.slice(0, 12))).toEqual(["Papers for 2", "1. β-OPSD: D", "2. Σ-Mem: An", "3. OmniScope"]);
    expect(fake.sends).toHaveLength(0);
    expect(deliveryTables(app)).toEqual(before);
  });

  it("stop-after-current: an abort lets the message in flight finish, leaves no claim in doubt, and the rest goes out next time", async () => {
    await putSettings(app);
    const controller = new AbortController();
    const stopping = createFakeChatAdapter({ limits: null, latencyMs: 10, onAccept: (s) => void (stopping.sends.length === 3 && controller.abort()) });
    expect(await deliverDigest(app.ports, stopping, request("2026-07-31"), undefined, { signal: controller.signal })).toEqual({ kind: "stopped", papers: 2 });
    expect((await app.ports.ledger.run(CHANNEL, "2026-07-31").items()).map((i) => i.status)).toEqual(["sent", "sent", "sent"]);
    expect(await deliverDigest(app.ports, stopping, request("2026-07-31", { owner: "after-restart" }))).toEqual({ kind: "sent", papers: 5 });
    expect(paperIdsSent(stopping)).toEqual(["2607.28582", "2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
  });

  it("after a crash on a platform that cannot read back, the message in doubt is not re-sent, and the run names why", async () => {
    await putSettings(app);
    const past = "2026-08-04T08:00:00.000Z";
    await app.ports.ledger.run(CHANNEL, "2026-07-31").claim({ owner: "dead", leaseUntil: past, scheduledFor: null, late: false, now: past });
    await app.ports.ledger.run(CHANNEL, "2026-07-31").claimItem({ itemKey: "header", paperId: null, now: past });
    await app.ports.ledger.run(CHANNEL, "2026-07-31").markSent("header", "old-header-ref", past);
    await app.ports.ledger.run(CHANNEL, "2026-07-31").claimItem({ itemKey: "paper:2607.28582", paperId: "2607.28582", now: past });
    expect(await deliverDigest(app.ports, fake, request("2026-07-31"))).toEqual({ kind: "sent", papers: 4 });
    expect(paperIdsSent(fake)).toEqual(["2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    expect(await app.ports.ledger.run(CHANNEL, "2026-07-31").get()).toMatchObject({ status: "sent", detail: "1 in doubt after a crash, not re-sent (cannot look them up: this platform cannot read its messages back; nothing to grant)" });
  });
});

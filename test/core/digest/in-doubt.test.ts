import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverDigest } from "../../../src/core/digest/deliver-digest.js";
import { createPacer } from "../../../src/core/digest/pacer.js";
import { createVirtualTimer } from "../../../src/core/digest/timer.js";
import { createFakeChatAdapter, DISCORD_LIMITS, type FakeChatAdapter } from "../../fakes/fake-chat-adapter.js";
import { CHANNEL, createDigestApp, putSettings, request } from "./digest-setup.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const DAY = "2026-07-31";
const PAST = "2026-08-04T08:00:00.000Z";
const paperIdsSent = (fake: FakeChatAdapter) => fake.sends.flatMap((s) => s.message.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.id] : [])));

/** A run a dead process left: header sent, the first paper claimed with no reference (in doubt). */
async function crashedRun(app: App): Promise<void> {
  const run = app.ports.ledger.run(CHANNEL, DAY);
  await run.claim({ owner: "dead", leaseUntil: PAST, scheduledFor: null, late: false, now: PAST });
  await run.claimItem({ itemKey: "header", paperId: null, now: PAST });
  await run.markSent("header", "old-header-ref", PAST);
  await run.claimItem({ itemKey: "paper:2607.28582", paperId: "2607.28582", now: PAST });
}

describe("in-doubt sends are looked up, not skipped", () => {
  let app: App;
  beforeEach(async () => {
    app = await createDigestApp();
    await putSettings(app);
  });
  afterEach(() => app.cleanup());

  it("the platform never got it (read-back finds nothing): it is sent, once", async () => {
    await crashedRun(app);
    const fake = createFakeChatAdapter({ limits: null, readBack: true });
    expect(await deliverDigest(app.ports, fake, request(DAY))).toEqual({ kind: "sent", papers: 5 });
    expect(paperIdsSent(fake)).toEqual(["2607.28582", "2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    expect(fake.sends[0]!.dedupeKey).toBe(`${DAY}/paper:2607.28582`);
    expect((await app.ports.ledger.run(CHANNEL, DAY).get())?.detail).toBeNull();
  });

  it("the platform created it before the crash (read-back finds it): its reference is recorded and it is not sent again", async () => {
    const fake = createFakeChatAdapter({ limits: null, readBack: true });
    await crashedRun(app);
    const earlier = await fake.send(CHANNEL, { blocks: [{ kind: "text", text: "first paper" }], fallbackText: "first paper" }, { dedupeKey: `${DAY}/paper:2607.28582` });
    expect(await deliverDigest(app.ports, fake, request(DAY))).toEqual({ kind: "sent", papers: 5 });
    expect(paperIdsSent(fake)).toEqual(["2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    expect((await app.ports.ledger.findByMessageRef(earlier))?.paperId).toBe("2607.28582");
  });

  it("read-back not permitted: at most once, and the run's detail names the permission to grant", async () => {
    await crashedRun(app);
    const fake = createFakeChatAdapter({ limits: null, readBack: "forbidden" });
    expect(await deliverDigest(app.ports, fake, request(DAY))).toEqual({ kind: "sent", papers: 4 });
    expect((await app.ports.ledger.run(CHANNEL, DAY).get())?.detail).toBe("1 in doubt after a crash, not re-sent (cannot look them up: grant the bot Read Message History)");
  });

  it("a 429 is a definite 'not sent': the claim is released during the wait, the pacer holds the channel for Retry-After, then it goes out", async () => {
    const timer = createVirtualTimer();
    const pacer = createPacer({ limits: DISCORD_LIMITS, timer });
    const fake = createFakeChatAdapter({ timer, readBack: true });
    fake.failChannel(CHANNEL, { permanent: false, reason: "rate_limited", retryAfterMs: 10_000, times: 1, after: 3 });
    let during: string[] = [];
    const watcher = (async () => {
      await timer.sleep(5000);
      during = (await app.ports.ledger.run(CHANNEL, DAY).items()).map((i) => `${i.itemKey}=${i.status}`);
    })();
    expect(await deliverDigest(app.ports, fake, request(DAY), pacer)).toEqual({ kind: "sent", papers: 5 });
    await watcher;
    expect(during).toContain("paper:2607.23193=failed");
    expect(during.some((d) => d.endsWith("=sending"))).toBe(false);
    expect(paperIdsSent(fake)).toEqual(["2607.28582", "2607.27958", "2607.23193", "2607.28308", "2607.16922"]);
    expect(fake.sends[3]!.at).toBeGreaterThanOrEqual(10_000);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createScheduler, type Scheduler } from "../../src/scheduler/create-scheduler.js";
import { INGEST_LEASE } from "../../src/scheduler/ingest-lease.js";
import { createSchedulerApp, scheduleChannel, schedulerBase } from "./scheduler-setup.js";

type SchedulerApp = Awaited<ReturnType<typeof createSchedulerApp>>;

/** An HF stand-in that counts its fetches per instance (the network edge). */
function countingHf(counts: Record<string, number>, id: string) {
  return { name: "hf", fetchDay: async () => ((counts[id] = (counts[id] ?? 0) + 1), { papers: [], bad: [] }) };
}

describe("the ingest lease: instances sharing a store ingest one at a time", () => {
  let setup: SchedulerApp;
  const schedulers: Scheduler[] = [];
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    setup?.app.cleanup();
  });

  const instance = (id: string, counts: Record<string, number>, ttlMs = 180_000) => {
    const s = createScheduler({
      ...schedulerBase(setup.app),
      adapters: new Map([["discord", setup.discord]]),
      sources: { hf: countingHf(counts, id), listings: [], refetchDays: 0 },
      owner: id,
      ingestLease: { leases: setup.app.leases, ingestRuns: setup.app.ports.ingestRuns, ttlMs },
    });
    schedulers.push(s);
    return s;
  };

  it("only the holder ingests; while it renews the others never ask; when it dies the next takes over after expiry and goes on from its last run, not from zero", async () => {
    setup = await createSchedulerApp("2026-08-03T08:00:30Z");
    const counts: Record<string, number> = {};
    const [a, b, c] = [instance("a", counts), instance("b", counts), instance("c", counts)];
    for (const s of [a, b, c]) await s.tick();
    expect(counts).toEqual({ a: 1 });
    expect([a, b, c].map((s) => s.holdsIngestLease())).toEqual([true, false, false]);
    // Every minute for 25 minutes: the holder ingests every 10 (the early cadence), nobody else.
    for (let minute = 1; minute <= 25; minute += 1) {
      setup.clock.set(new Date(Date.parse("2026-08-03T08:00:30Z") + minute * 60_000).toISOString());
      for (const s of [a, b, c]) await s.tick();
    }
    expect(counts).toEqual({ a: 3 });
    expect((await setup.app.leases.get(INGEST_LEASE))?.holder).toBe("a");

    // a dies (stops ticking, keeps its lease): within the 3-minute lease nobody takes over...
    setup.clock.set("2026-08-03T08:27:00Z");
    for (const s of [b, c]) expect((await s.tick()).ingest).toBeNull();
    // ...after it, one does, and waits for the cadence counted from a's last run (08:20:30), not from zero.
    setup.clock.set("2026-08-03T08:29:00Z");
    for (const s of [b, c]) expect((await s.tick()).ingest).toBeNull();
    const next = [b, c].find((s) => s.holdsIngestLease())!;
    expect([b, c].filter((s) => s.holdsIngestLease())).toHaveLength(1);
    setup.clock.set("2026-08-03T08:30:10Z");
    for (const s of [b, c]) await s.tick();
    expect(counts.a).toBe(3);
    expect((counts.b ?? 0) + (counts.c ?? 0)).toBe(1);
    expect(next.holdsIngestLease()).toBe(true);
  });

  it("a holder that stops gives the lease up: another takes over at its next tick", async () => {
    setup = await createSchedulerApp("2026-08-03T08:00:30Z");
    const counts: Record<string, number> = {};
    const a = instance("a", counts);
    const b = instance("b", counts);
    await a.tick();
    await b.tick();
    await a.stop();
    expect(await setup.app.leases.get(INGEST_LEASE)).toBeNull();
    expect(await a.tick()).toEqual({ ingest: null, deliveries: null });
    expect(await setup.app.leases.get(INGEST_LEASE)).toBeNull();
    setup.clock.set("2026-08-03T08:01:30Z");
    await b.tick();
    expect(b.holdsIngestLease()).toBe(true);
    expect(counts).toEqual({ a: 1 });
  });

  it("an instance that does not hold the lease does not hold its deliveries back for a first ingest of its own: it uses the holder's fresh run", async () => {
    setup = await createSchedulerApp("2026-08-03T08:00:30Z");
    const counts: Record<string, number> = {};
    const holder = instance("holder", counts);
    await holder.ingest();
    expect((await holder.tick()).ingest).toBeNull();
    expect(holder.holdsIngestLease()).toBe(true);
    await scheduleChannel(setup.app, "discord:G1:c", { updatedAt: "2026-08-03T00:00:00.000Z" });
    const other = instance("other", counts);
    other.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.holdsIngestLease()).toBe(false);
    expect((await other.deliverDue())?.map((r) => r.outcome.kind)).toEqual(["sent"]);
    expect(counts).toEqual({ holder: 1 });
    expect((await setup.app.ports.ledger.run("discord:G1:c", "2026-08-03").get())?.owner).toBe("other");
  });
});

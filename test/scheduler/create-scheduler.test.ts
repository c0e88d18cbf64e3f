import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { createScheduler, type Scheduler } from "../../src/scheduler/create-scheduler.js";
import { ingestDue } from "../../src/scheduler/ingest-cadence.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { createSchedulerApp, postedBefore, scheduleChannel, schedulerBase } from "./scheduler-setup.js";

describe("the scheduler tick over the real delivery engine", () => {
  let cleanup: (() => void) | null = null;
  let scheduler: Scheduler | null = null;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = null;
    cleanup?.();
  });

  it("one tick delivers every channel due this minute, in any zone, and never twice", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    cleanup = app.cleanup;
    const fresh = { updatedAt: "2026-08-03T00:00:00.000Z" };
    await scheduleChannel(app, "discord:G1:utc", fresh);
    await scheduleChannel(app, "discord:G1:paris", { ...fresh, postTime: "10:00", timezone: "Europe/Paris" });
    await scheduleChannel(app, "discord:G1:later", { ...fresh, postTime: "09:00" });
    await scheduleChannel(app, "discord:G1:paused", { ...fresh, paused: true, pausedReason: "paused by bob" });
    await scheduleChannel(app, "slack:T1:C1", { ...fresh, platform: "slack" });
    scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: null, owner: "proc-a" });

    const report = await scheduler.tick();
    expect(report.ingest).toBeNull();
    expect(report.deliveries!.map((r) => [r.request, r.outcome.kind])).toEqual([
      [{ conversation: "discord:G1:paris", platform: "discord", digestDay: "2026-08-03", scheduledFor: "2026-08-03T08:00:00.000Z", late: false, owner: "proc-a", cutoff: "2026-08-03T11:00:00.000Z" }, "sent"],
      [{ conversation: "discord:G1:utc", platform: "discord", digestDay: "2026-08-03", scheduledFor: "2026-08-03T08:00:00.000Z", late: false, owner: "proc-a", cutoff: "2026-08-03T11:00:00.000Z" }, "sent"],
    ]);
    expect(discord.sentTo("discord:G1:utc")).toHaveLength(4);
    expect(discord.sentTo("discord:G1:paris")).toHaveLength(4);
    expect(discord.sentTo("discord:G1:paused")).toHaveLength(0);

    clock.set("2026-08-03T08:01:30Z");
    expect((await scheduler.tick()).deliveries).toEqual([]);
    clock.set("2026-08-03T09:00:10Z");
    expect((await scheduler.tick()).deliveries!.map((r) => [r.request.conversation, r.outcome.kind])).toEqual([["discord:G1:later", "sent"]]);
    expect(discord.sends).toHaveLength(12);
    expect(await app.ports.ledger.run("slack:T1:C1", "2026-08-03").get()).toBeNull();
  });

  it("after 3 days down, catch-up latest posts the most recent day late; all posts each missed day, one a tick", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-04T12:00:00Z");
    cleanup = app.cleanup;
    await scheduleChannel(app, "discord:G1:latest");
    await scheduleChannel(app, "discord:G1:all", { catchUp: "all" });
    await scheduleChannel(app, "discord:G1:skip", { catchUp: "skip" });
    for (const ch of ["discord:G1:latest", "discord:G1:all", "discord:G1:skip"]) await postedBefore(app, ch, "2026-07-31");
    scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: null, owner: "proc-b" });

    const days = async (ch: string) => (await app.ports.ledger.recentRuns(ch, 10)).map((r) => `${r.digestDay} ${r.status}${r.late ? " late" : ""}`).reverse();
    for (let minute = 0; minute < 6; minute++) {
      clock.set(new Date(Date.parse("2026-08-04T12:00:00Z") + minute * 60_000).toISOString());
      await scheduler.tick();
    }
    expect(await days("discord:G1:latest")).toEqual(["2026-07-31 sent", "2026-08-04 sent late"]);
    expect(await days("discord:G1:skip")).toEqual(["2026-07-31 sent"]);
    expect(await days("discord:G1:all")).toEqual(["2026-07-31 sent", "2026-08-01 notice late", "2026-08-02 notice late", "2026-08-03 sent late", "2026-08-04 notice late"]);
    const header = discord.sentTo("discord:G1:latest")[0]!.message;
    expect(JSON.stringify(header)).toMatch(/posted late/);
    const papers = (ch: string) => discord.sentTo(ch).filter((s) => s.message.blocks.some((b) => b.kind === "paper")).length;
    expect(papers("discord:G1:latest")).toBe(3);
    expect(papers("discord:G1:all")).toBe(3);
  });

  it("the source down at post time: not-ready on every tick until the cut-off, never marked late, then a notice once", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-04T08:00:20Z");
    cleanup = app.cleanup;
    const ch = "discord:G1:waits";
    await scheduleChannel(app, ch, { updatedAt: "2026-08-04T00:00:00.000Z" });
    await postedBefore(app, ch, "2026-08-03");
    scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: { hf: app.sources.hf, listings: [], refetchDays: 0 }, owner: "proc-c" });

    const first = await scheduler.tick();
    expect(first.ingest!.map((r) => [r.source, r.status])).toEqual([["hf", "failed"]]);
    expect(first.deliveries!.map((r) => [r.request.late, r.outcome.kind])).toEqual([[false, "not-ready"]]);
    for (const at of ["2026-08-04T08:20:00Z", "2026-08-04T09:45:00Z", "2026-08-04T10:59:00Z"]) {
      clock.set(at);
      const report = await scheduler.tick();
      expect(report.deliveries!.map((r) => [r.request.late, r.outcome.kind])).toEqual([[false, "not-ready"]]);
    }
    expect(discord.sends).toHaveLength(0);
    expect(await app.ports.ledger.run(ch, "2026-08-04").get()).toBeNull();

    clock.set("2026-08-04T11:00:30Z");
    const final = await scheduler.tick();
    expect(final.deliveries!.map((r) => [r.request.late, r.outcome.kind])).toEqual([[false, "notice"]]);
    expect(discord.sends).toHaveLength(1);
    expect(discord.sends[0]!.message.fallbackText).toMatch(/^no new papers: Hugging Face Daily Papers could not be fetched/);
    expect(await app.ports.ledger.run(ch, "2026-08-04").get()).toMatchObject({ status: "notice", late: false });
    clock.set("2026-08-04T11:01:30Z");
    expect((await scheduler.tick()).deliveries).toEqual([]);
    expect(discord.sends).toHaveLength(1);
  });

  it("ticks never overlap: a pass still running makes the next one a no-op", async () => {
    const { app, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    cleanup = app.cleanup;
    await scheduleChannel(app, "discord:G1:slow", { updatedAt: "2026-08-03T00:00:00.000Z" });
    discord.slowChannel("discord:G1:slow", 50);
    scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: null });
    const first = scheduler.deliverDue();
    expect(await scheduler.deliverDue()).toBeNull();
    expect((await first)!.map((r) => r.outcome.kind)).toEqual(["sent"]);
    expect(discord.sends).toHaveLength(4);
  });

  it("stop() lets the message in flight finish and waits; a restarted scheduler sends the rest, nothing twice", async () => {
    const { app, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    cleanup = app.cleanup;
    const ch = "discord:G1:stopped";
    await scheduleChannel(app, ch, { updatedAt: "2026-08-03T00:00:00.000Z" });
    discord.slowChannel(ch, 150);
    const first = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: null, owner: "before-restart" });
    const pass = first.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.stop();
    expect((await pass).deliveries!.map((r) => r.outcome.kind)).toEqual(["stopped"]);
    expect(discord.sends).toHaveLength(1);
    expect((await app.ports.ledger.run(ch, "2026-08-03").get())?.status).toBe("running");
    expect(await first.tick()).toEqual({ ingest: null, deliveries: null });

    const second = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", createFakeChatAdapter({ limits: null })]]), sources: null, owner: "after-restart" });
    scheduler = second;
    const resumed = await second.tick();
    expect(resumed.deliveries!.map((r) => [r.request.digestDay, r.outcome.kind])).toEqual([["2026-08-03", "sent"]]);
    expect((await app.ports.ledger.run(ch, "2026-08-03").items()).map((i) => i.itemKey)).toHaveLength(4);
    expect(new Set((await app.ports.ledger.run(ch, "2026-08-03").items()).map((i) => i.messageRef)).size).toBe(4);
  });

  it("start() registers one node-cron task and runs the first ingest; stop() destroys it", async () => {
    const { app, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    cleanup = app.cleanup;
    const before = cron.getTasks().size;
    scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: { hf: app.sources.hf, listings: [], refetchDays: 0 } });
    scheduler.start();
    scheduler.start();
    expect(cron.getTasks().size).toBe(before + 1);
    await scheduler.stop();
    scheduler = null;
    expect(cron.getTasks().size).toBe(before);
    expect((await app.ports.ingestRuns.recent(5, "hf")).map((r) => r.status)).toEqual(["failed"]);
  });
});

describe("start-up", () => {
  it("after start, deliveries wait for the first ingest so catch-up posts use fresh lists", async () => {
    const { app, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    await scheduleChannel(app, "discord:G1:c", { updatedAt: "2026-08-03T00:00:00.000Z" });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hf = { name: "hf", fetchDay: async () => (await gate, { papers: [], bad: [] }) };
    const scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["discord", discord]]), sources: { hf, listings: [], refetchDays: 0 } });
    try {
      scheduler.start();
      expect(await scheduler.deliverDue()).toBeNull();
      release();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await scheduler.deliverDue())!.map((r) => r.outcome.kind)).toEqual(["sent"]);
    } finally {
      await scheduler.stop();
      app.cleanup();
    }
  });
});

describe("ingest cadence", () => {
  it("every 10 minutes before 10:00 UTC, every 30 after, always right after start", async () => {
    const at = (iso: string) => new Date(iso);
    expect(ingestDue(at("2026-08-03T05:00:00Z"), null)).toBe(true);
    expect(ingestDue(at("2026-08-03T05:09:00Z"), at("2026-08-03T05:00:00Z"))).toBe(false);
    expect(ingestDue(at("2026-08-03T05:10:00Z"), at("2026-08-03T05:00:00Z"))).toBe(true);
    expect(ingestDue(at("2026-08-03T12:20:00Z"), at("2026-08-03T12:00:00Z"))).toBe(false);
    expect(ingestDue(at("2026-08-03T12:30:00Z"), at("2026-08-03T12:00:00Z"))).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultChannelSettings, type ChannelSettings } from "../../../src/core/digest/channel-settings-store.js";
import { digestKey, dueDigests, type DueDigestOptions } from "../../../src/core/digest/due-digests.js";
import { createTestApp } from "../../helpers/test-app.js";

const CH = "discord:G1:C1";
const OWNER = "proc-1";

describe("dueDigests over a real ledger", () => {
  let app: ReturnType<typeof createTestApp>;
  beforeEach(async () => {
    app = createTestApp();
  });
  afterEach(() => app.cleanup());

  const channel = async (patch: Partial<ChannelSettings> = {}, conversation = CH): Promise<ChannelSettings> => {
    const s = { ...defaultChannelSettings(conversation, "discord", "G1", "2026-07-01T00:00:00.000Z"), postTime: "09:00", ...patch };
    await app.ports.channelSettings.put(s);
    return s;
  };
  const finish = async (digestDay: string, status: "sent" | "notice" | "failed" = "sent", conversation = CH, at = `${digestDay}T09:00:05.000Z`) => {
    await app.ports.ledger.run(conversation, digestDay).claim({ owner: OWNER, leaseUntil: at, scheduledFor: `${digestDay}T09:00:00.000Z`, late: false, now: at });
    await app.ports.ledger.run(conversation, digestDay).finish(OWNER, { status, papersSent: 3, detail: null, now: at });
  };
  const due = async (now: string, extra: Partial<DueDigestOptions> = {}) =>
    dueDigests(await app.ports.channelSettings.listScheduled(), app.ports.ledger, { now: new Date(now), owner: OWNER, ...extra });
  const days = async (now: string, extra: Partial<DueDigestOptions> = {}) => (await due(now, extra)).map((d) => `${d.digestDay}${d.late ? " late" : ""}`);

  it("an on-time slot is due with its scheduled time, the 3 h cut-off and the platform", async () => {
    await channel();
    await finish("2026-08-03");
    expect(await due("2026-08-04T09:00:30Z")).toEqual([
      { conversation: CH, platform: "discord", digestDay: "2026-08-04", scheduledFor: "2026-08-04T09:00:00.000Z", late: false, owner: OWNER, cutoff: "2026-08-04T12:00:00.000Z" },
    ]);
    expect(await due("2026-08-04T08:59:59Z")).toEqual([]);
    expect(await days("2026-08-04T09:14:00Z")).toEqual(["2026-08-04"]);
    expect(await days("2026-08-04T09:16:00Z")).toEqual(["2026-08-04 late"]);
  });

  it("a finished run is never due again, whatever its outcome; an unfinished one is resumed first", async () => {
    await channel({ catchUp: "all" });
    await finish("2026-08-03");
    await finish("2026-08-04", "notice");
    expect(await due("2026-08-04T09:01:00Z")).toEqual([]);
    expect(await due("2026-08-04T23:59:00Z")).toEqual([]);
    await finish("2026-08-05", "failed");
    expect(await due("2026-08-05T10:00:00Z")).toEqual([]);
    await app.ports.ledger.run(CH, "2026-08-06").claim({ owner: "crashed", leaseUntil: "2026-08-06T09:02:00.000Z", scheduledFor: "2026-08-06T09:00:00.000Z", late: false, now: "2026-08-06T09:00:00.000Z" });
    expect(await due("2026-08-07T09:30:00Z")).toEqual([
      { conversation: CH, platform: "discord", digestDay: "2026-08-06", scheduledFor: "2026-08-06T09:00:00.000Z", late: false, owner: OWNER, cutoff: "2026-08-06T12:00:00.000Z" },
    ]);
  });

  it("after a 3-day downtime: latest posts only the most recent, late; skip posts none; all posts each, oldest first, one per call", async () => {
    await channel({ catchUp: "latest" });
    await finish("2026-08-01");
    expect(await days("2026-08-05T10:00:00Z")).toEqual(["2026-08-05 late"]);
    expect(await days("2026-08-05T08:00:00Z")).toEqual(["2026-08-04 late"]);
    await channel({ catchUp: "skip" });
    expect(await days("2026-08-05T10:00:00Z")).toEqual([]);
    expect(await days("2026-08-05T09:05:00Z")).toEqual(["2026-08-05"]);
    await channel({ catchUp: "all" });
    const sequence: string[] = [];
    for (;;) {
      const [next] = await due("2026-08-05T10:00:00Z");
      if (!next) break;
      sequence.push(`${next.digestDay}${next.late ? " late" : ""}`);
      await finish(next.digestDay, "sent", CH, "2026-08-05T10:00:00.000Z");
    }
    expect(sequence).toEqual(["2026-08-02 late", "2026-08-03 late", "2026-08-04 late", "2026-08-05 late"]);
  });

  it("catch-up all is bounded to the last 7 days", async () => {
    await channel({ catchUp: "all" });
    await finish("2026-07-20");
    expect(await days("2026-08-05T10:00:00Z")).toEqual(["2026-07-29 late"]);
  });

  it("paused channels, channels without a time or without days are never due", async () => {
    await channel({ paused: true, pausedReason: "paused by alice" });
    await channel({ postTime: null }, "discord:G1:C2");
    await channel({ days: [] }, "discord:G1:C3");
    await channel({}, "discord:G1:C4");
    expect((await due("2026-08-04T09:01:00Z")).map((d) => d.conversation)).toEqual(["discord:G1:C4"]);
  });

  it("honours the days and the channel's zone: one pass serves channels in many zones", async () => {
    await channel({ timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], updatedAt: "2026-08-01T00:00:00.000Z" }, "discord:G1:paris");
    await channel({ timezone: "America/New_York", updatedAt: "2026-08-01T00:00:00.000Z" }, "discord:G1:ny");
    await channel({ timezone: "Asia/Kolkata", updatedAt: "2026-08-01T00:00:00.000Z" }, "discord:G1:kolkata");
    // Monday 2026-08-03 07:01 UTC: 09:01 in Paris, 03:01 in New York (its Sunday post is long done), 12:31 in Kolkata.
    await finish("2026-08-02", "sent", "discord:G1:ny");
    await finish("2026-08-03", "sent", "discord:G1:kolkata");
    expect((await due("2026-08-03T07:01:00Z")).map((d) => [d.conversation, d.digestDay, d.scheduledFor])).toEqual([
      ["discord:G1:paris", "2026-08-03", "2026-08-03T07:00:00.000Z"],
    ]);
    // Saturday: Paris posts on weekdays only, so its Friday post is the latest slot.
    await finish("2026-07-31", "sent", "discord:G1:paris");
    expect((await due("2026-08-01T07:01:00Z")).filter((d) => d.conversation === "discord:G1:paris")).toEqual([]);
  });

  it("a schedule set (or a resume) after today's time does not post today; the next slot is due", async () => {
    await channel({ updatedAt: "2026-08-04T10:00:00.000Z" });
    expect(await due("2026-08-04T10:01:00Z")).toEqual([]);
    expect(await days("2026-08-05T09:00:10Z")).toEqual(["2026-08-05"]);
  });

  it("a digest waiting for its list stays on time past 15 minutes, and survives a settings change", async () => {
    await channel();
    await finish("2026-08-03");
    const waiting = new Set([digestKey(CH, "2026-08-04")]);
    expect(await days("2026-08-04T10:30:00Z", { waiting })).toEqual(["2026-08-04"]);
    await channel({ updatedAt: "2026-08-04T09:20:00.000Z", maxPapers: 5 });
    expect(await days("2026-08-04T10:30:00Z", { waiting })).toEqual(["2026-08-04"]);
    expect(await days("2026-08-04T10:30:00Z")).toEqual([]);
  });

  it("a settings change the engine made during a run (failure count) does not block catch-up", async () => {
    await channel({ catchUp: "all", updatedAt: "2026-08-02T10:00:03.000Z", failureCount: 1 });
    await finish("2026-08-01");
    await app.ports.ledger.run(CH, "2026-08-02").claim({ owner: OWNER, leaseUntil: "2026-08-02T10:05:00.000Z", scheduledFor: "2026-08-02T09:00:00.000Z", late: true, now: "2026-08-02T10:00:00.000Z" });
    await app.ports.ledger.run(CH, "2026-08-02").finish(OWNER, { status: "sent", papersSent: 2, detail: null, now: "2026-08-02T10:00:05.000Z" });
    expect(await days("2026-08-04T12:00:00Z")).toEqual(["2026-08-03 late"]);
  });

  it("custom lateness and wait", async () => {
    await channel();
    await finish("2026-08-03");
    const [d] = await due("2026-08-04T09:06:00Z", { lateAfterMs: 5 * 60_000, waitMs: 60 * 60_000 });
    expect(d).toMatchObject({ late: true, cutoff: "2026-08-04T10:00:00.000Z" });
  });
});

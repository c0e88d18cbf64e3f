import { describe, expect, it } from "vitest";
import type { DeliveryLedger } from "../../../src/core/digest/delivery-ledger.js";
import { deliverClaimed } from "../../../src/core/digest/deliver-claimed.js";
import { join } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { createSystemClock } from "../../../src/core/clock.js";
import { createFakeChatAdapter } from "../../fakes/fake-chat-adapter.js";
import { createTestApp } from "../../helpers/test-app.js";
import { createSchedulerApp, scheduleChannel } from "../../scheduler/scheduler-setup.js";

const DAY = "2026-08-03";
const fresh = { updatedAt: "2026-08-03T00:00:00.000Z" };

describe("deliverClaimed: one instance's share of a delivery pass", () => {
  it("claims due channel-days in batches of its idle workers through claimDue, and delivers each once", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    try {
      for (let i = 0; i < 10; i += 1) await scheduleChannel(app, `discord:G1:c${i}`, fresh);
      const limits: number[] = [];
      // The real ledger, with its batch claims recorded.
      const ledger: DeliveryLedger = { ...app.ports.ledger, claimDue: (due, claim, limit) => (limits.push(limit), app.ports.ledger.claimDue(due, claim, limit)) };
      const due = await app.core.deliveries.due({ now: clock.now(), owner: "me" });
      expect(due).toHaveLength(10);
      const results = await deliverClaimed({ ...app.ports, ledger }, new Map([["discord", discord]]), due, { owner: "me", concurrency: 4 });
      expect(results.map((r) => r.outcome.kind)).toEqual(Array(10).fill("sent"));
      expect(limits[0]).toBe(4);
      expect(limits.every((l) => l >= 1 && l <= 4)).toBe(true);
      expect(limits.reduce((a, b) => a + b, 0)).toBe(10);
      expect(discord.sends).toHaveLength(40);
      for (let i = 0; i < 10; i += 1) expect((await app.ports.ledger.run(`discord:G1:c${i}`, DAY).get())?.owner).toBe("me");
    } finally {
      app.cleanup();
    }
  });

  it("skips a channel-day another instance holds (busy, not waited for), and takes it over once that lease has lapsed", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    try {
      await scheduleChannel(app, "discord:G1:held", fresh);
      await scheduleChannel(app, "discord:G1:free", fresh);
      expect(
        await app.ports.ledger.run("discord:G1:held", DAY).claim({ owner: "dead", leaseUntil: "2026-08-03T08:02:30.000Z", scheduledFor: "2026-08-03T08:00:00.000Z", late: false, now: "2026-08-03T08:00:29.000Z" }),
      ).toBe(true);
      const adapters = new Map([["discord", discord]]);
      const first = await deliverClaimed(app.ports, adapters, await app.core.deliveries.due({ now: clock.now(), owner: "me" }), { owner: "me", concurrency: 4 });
      expect(first.map((r) => [r.request.conversation, r.outcome.kind])).toEqual([
        ["discord:G1:free", "sent"],
        ["discord:G1:held", "busy"],
      ]);
      expect(discord.sentTo("discord:G1:held")).toHaveLength(0);

      clock.set("2026-08-03T08:03:00Z");
      const again = await app.core.deliveries.due({ now: clock.now(), owner: "me" });
      expect(again.map((r) => [r.conversation, r.late])).toEqual([["discord:G1:held", false]]);
      const second = await deliverClaimed(app.ports, adapters, again, { owner: "me", concurrency: 4 });
      expect(second.map((r) => r.outcome.kind)).toEqual(["sent"]);
      expect(await app.ports.ledger.run("discord:G1:held", DAY).get()).toMatchObject({ owner: "me", status: "sent" });
      expect(discord.sentTo("discord:G1:held")).toHaveLength(4);
    } finally {
      app.cleanup();
    }
  });

  it("a channel-day that turns out not ready after it was claimed gives its lease back at once", async () => {
    const { app, clock, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    try {
      await scheduleChannel(app, "discord:G1:paused-late", fresh);
      const due = await app.core.deliveries.due({ now: clock.now(), owner: "me" });
      // Paused between the readiness check and the send (another instance's /papers pause).
      const settings = (await app.ports.channelSettings.get("discord:G1:paused-late"))!;
      const channelSettings = { ...app.ports.channelSettings, get: async (c: string) => (c === settings.conversation && (await app.ports.ledger.run(c, DAY).get()) ? { ...settings, paused: true } : app.ports.channelSettings.get(c)) };
      const results = await deliverClaimed({ ...app.ports, channelSettings }, new Map([["discord", discord]]), due, { owner: "me", concurrency: 2 });
      expect(results.map((r) => r.outcome.kind)).toEqual(["skipped"]);
      const run = await app.ports.ledger.run("discord:G1:paused-late", DAY).get();
      expect(run?.status).toBe("running");
      expect(Date.parse(run!.leaseUntil)).toBeLessThan(clock.now().getTime());
    } finally {
      app.cleanup();
    }
  });

  it("renews the lease while a send outlasts it, so another instance cannot take the channel-day meanwhile", async () => {
    const app = createTestApp({ clock: createSystemClock() });
    try {
      await ingestFile(app.core.ingests, join(import.meta.dirname, "../../fixtures/hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"));
      const conversation = "discord:G1:slow";
      const platform = createFakeChatAdapter({ limits: null });
      platform.slowChannel(conversation, 500);
      const request = { conversation, platform: "discord", digestDay: DAY, scheduledFor: null, late: false, owner: "me", cutoff: null };
      const pass = deliverClaimed(app.ports, new Map([["discord", platform]]), [request], { owner: "me", concurrency: 1, deliver: { leaseMs: 200 } });
      await new Promise((resolve) => setTimeout(resolve, 350));
      const now = new Date();
      expect(await app.ports.ledger.claimDue([request], { owner: "other", leaseUntil: new Date(now.getTime() + 200).toISOString(), now: now.toISOString() }, 1)).toEqual([]);
      expect((await pass).map((r) => r.outcome.kind)).toEqual(["sent"]);
      expect(platform.sentTo(conversation)).toHaveLength(4);
      expect((await app.ports.ledger.run(conversation, DAY).get())?.owner).toBe("me");
    } finally {
      app.cleanup();
    }
  });
});

import { describe, expect, it } from "vitest";
import { createScheduler } from "../../../src/scheduler/create-scheduler.js";
import { say, textOf } from "../../helpers/test-app.js";
import { createSchedulerApp, scheduleChannel, schedulerBase } from "../../scheduler/scheduler-setup.js";

describe("/papers status with many instances", () => {
  it("shows which instance last delivered here and when, and the store in use with this instance's id", async () => {
    const { app, discord } = await createSchedulerApp("2026-08-03T08:00:30Z");
    try {
      const conversation = "shell:local:test";
      await scheduleChannel(app, conversation, { platform: "shell", updatedAt: "2026-08-03T00:00:00.000Z" });
      const before = textOf(await say(app, "status"));
      expect(before).not.toMatch(/Delivered by/);
      expect(before).toContain(`Store: SQLite ${app.config.database.path} (this instance: ${app.config.instance.id})`);

      const scheduler = createScheduler({ ...schedulerBase(app), adapters: new Map([["shell", discord]]), sources: null, owner: "bot-7" });
      expect((await scheduler.tick()).deliveries?.map((r) => r.outcome.kind)).toEqual(["sent"]);
      const after = textOf(await say(app, "status"));
      expect(after).toMatch(/Last delivery: 2026-08-03: sent 3 papers/);
      expect(after).toContain("Delivered by: bot-7 at 2026-08-03 08:00 UTC");
    } finally {
      app.cleanup();
    }
  });
});

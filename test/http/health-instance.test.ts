import { describe, expect, it } from "vitest";
import { createFixedClock } from "../../src/core/clock.js";
import { checkHealth } from "../../src/http/check-health.js";
import { createTestApp } from "../helpers/test-app.js";

describe("GET /healthz with many instances", () => {
  it("says which instance answers and whether it holds the ingest lease (null when ingests are not coordinated)", async () => {
    const app = createTestApp();
    try {
      let held: boolean | null = true;
      const base = { pingStore: () => app.store.ping(), platforms: () => ({}), sources: [], ingestRuns: app.ports.ingestRuns, lastDeliveryPass: () => null, clock: createFixedClock("2026-08-03T09:00:00Z") };
      const sources = { ...base, instance: { id: "bot-3", holdsIngestLease: () => held } };
      expect((await checkHealth(sources)).report.instance).toEqual({ id: "bot-3", ingestLease: true });
      held = false;
      expect((await checkHealth(sources)).report.instance).toEqual({ id: "bot-3", ingestLease: false });
      held = null;
      expect((await checkHealth(sources)).report.instance).toEqual({ id: "bot-3", ingestLease: null });
      expect((await checkHealth(base)).report.instance).toBeUndefined();
    } finally {
      app.cleanup();
    }
  });
});

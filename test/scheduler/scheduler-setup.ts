import { join } from "node:path";
import { ingestFile } from "../../src/cli/ingest-file.js";
import type { Clock } from "../../src/core/clock.js";
import { defaultChannelSettings, type ChannelSettings } from "../../src/core/digest/channel-settings-store.js";
import { createFakeChatAdapter, type FakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { createTestApp } from "../helpers/test-app.js";

/** HF lists ingested: 2026-07-31 (Fri, 5 papers) and 2026-08-03 (Mon, 3 papers). */
const HF_FILES = ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"].map((f) =>
  join(import.meta.dirname, "../fixtures", f),
);

/** A clock tests move by hand. */
export interface MovableClock extends Clock {
  /** Sets "now" (ISO). */
  set(iso: string): Date;
}

/** A test app whose `deps.clock` tests move, with two HF days ingested, and a recording discord adapter with no rate limits. */
export async function createSchedulerApp(start: string): Promise<{ app: ReturnType<typeof createTestApp>; clock: MovableClock; discord: FakeChatAdapter }> {
  const app = createTestApp({ now: start });
  let now = new Date(start);
  const clock: MovableClock = {
    now: () => new Date(now.getTime()),
    set: (iso) => (now = new Date(iso)),
  };
  app.deps.clock = clock;
  for (const file of HF_FILES) {
    const run = await ingestFile(app.deps, file);
    if (run.status !== "ok") throw new Error(`fixture ${file}: ${run.error}`);
  }
  return { app, clock, discord: createFakeChatAdapter({ platform: "discord", limits: null }) };
}

/** Stores a discord channel scheduled daily at 08:00 UTC, set up on `updatedAt`, plus `patch`. */
export function scheduleChannel(app: ReturnType<typeof createTestApp>, conversation: string, patch: Partial<ChannelSettings> = {}): ChannelSettings {
  const settings = { ...defaultChannelSettings(conversation, "discord", "G1", "2026-07-01T00:00:00.000Z"), postTime: "08:00", ...patch };
  app.deps.channelSettings.put(settings);
  return settings;
}

/** Marks a digest as already posted (as a real run would). */
export function postedBefore(app: ReturnType<typeof createTestApp>, conversation: string, digestDay: string): void {
  const at = `${digestDay}T08:00:05.000Z`;
  app.deps.ledger.claimRun({ conversation, digestDay, owner: "earlier", leaseUntil: at, scheduledFor: `${digestDay}T08:00:00.000Z`, late: false, now: at });
  app.deps.ledger.finishRun(conversation, digestDay, "earlier", { status: "sent", papersSent: 5, detail: null, now: at });
}

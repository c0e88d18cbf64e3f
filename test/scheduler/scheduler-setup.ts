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
  let now = new Date(start);
  const clock: MovableClock = {
    now: () => new Date(now.getTime()),
    set: (iso) => (now = new Date(iso)),
  };
  const app = createTestApp({ clock });
  for (const file of HF_FILES) {
    const run = await ingestFile(app.core.ingests, file);
    if (run.status !== "ok") throw new Error(`fixture ${file}: ${run.error}`);
  }
  return { app, clock, discord: createFakeChatAdapter({ platform: "discord", limits: null }) };
}

/** Stores a discord channel scheduled daily at 08:00 UTC, set up on `updatedAt`, plus `patch`. */
export async function scheduleChannel(app: ReturnType<typeof createTestApp>, conversation: string, patch: Partial<ChannelSettings> = {}): Promise<ChannelSettings> {
  const settings = { ...defaultChannelSettings(conversation, "discord", "G1", "2026-07-01T00:00:00.000Z"), postTime: "08:00", ...patch };
  await app.ports.channelSettings.put(settings);
  return settings;
}

/** Marks a digest as already posted (as a real run would). */
export async function postedBefore(app: ReturnType<typeof createTestApp>, conversation: string, digestDay: string): Promise<void> {
  const at = `${digestDay}T08:00:05.000Z`;
  const run = app.ports.ledger.run(conversation, digestDay);
  await run.claim({ owner: "earlier", leaseUntil: at, scheduledFor: `${digestDay}T08:00:00.000Z`, late: false, now: at });
  await run.finish("earlier", { status: "sent", papersSent: 5, detail: null, now: at });
}

/** The scheduler options every test shares: the app's core, clock and logger. */
export function schedulerBase(app: ReturnType<typeof createTestApp>): { core: ReturnType<typeof createTestApp>["core"]; clock: ReturnType<typeof createTestApp>["ports"]["clock"]; logger: ReturnType<typeof createTestApp>["ports"]["logger"] } {
  return { core: app.core, clock: app.ports.clock, logger: app.ports.logger };
}

import { join } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { defaultChannelSettings, type ChannelSettings } from "../../../src/core/digest/channel-settings-store.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { createTestApp } from "../../helpers/test-app.js";

/** Test fixtures directory. */
export const FIXTURES = join(import.meta.dirname, "../../fixtures");
/** HF lists: 2026-06-12 (Fri, 10 papers), 2026-07-31 (Fri, 5), 2026-08-03 (Mon, 3). */
export const HF_FILES = [
  "hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json",
  "hf-daily-papers-2026-07-31-date-allnewsai.json",
  "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json",
].map((f) => join(FIXTURES, f));

/** The default test channel. */
export const CHANNEL = "discord:G1:C1";

/** A real app over a temp SQLite with the three HF fixture days ingested. */
export async function createDigestApp(now = "2026-08-04T09:00:00Z"): Promise<ReturnType<typeof createTestApp>> {
  const app = createTestApp({ now });
  for (const file of HF_FILES) {
    const run = await ingestFile(app.core.ingests, file);
    if (run.status !== "ok") throw new Error(`fixture ${file} did not ingest: ${run.error}`);
  }
  return app;
}

/** Stores a channel's settings (defaults plus `patch`, scheduled at 08:00 UTC). */
export async function putSettings(app: ReturnType<typeof createTestApp>, patch: Partial<ChannelSettings> = {}, conversation = CHANNEL): Promise<ChannelSettings> {
  const settings = { ...defaultChannelSettings(conversation, "discord", "G1", "2026-08-01T00:00:00Z"), postTime: "08:00", ...patch };
  await app.ports.channelSettings.put(settings);
  return settings;
}

/** A manual delivery request (no cut-off wait) for `digestDay`. */
export function request(digestDay: string, patch: Partial<DigestRequest> = {}): DigestRequest {
  return { conversation: CHANNEL, platform: "discord", digestDay, scheduledFor: null, late: false, owner: "test-owner", cutoff: null, ...patch };
}

/** Every row of the tables delivery writes to, for "nothing changed" assertions. */
export function deliveryTables(app: ReturnType<typeof createTestApp>): unknown {
  const all = (table: string) => app.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  return { runs: all("digest_runs"), items: all("deliveries"), settings: all("channel_settings"), votes: all("votes") };
}

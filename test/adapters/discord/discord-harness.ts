import { join } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../../src/adapters/discord/discord-adapter.js";
import { discordConfigSchema, type DiscordConfig } from "../../../src/adapters/discord/discord-config.js";
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from "../../fakes/discord/fake-discord.js";
import { commandInteraction, type ApiOption } from "../../fakes/discord/gateway-payloads.js";
import type { FakeUser } from "../../fakes/discord/fake-objects.js";
import { createTestApp } from "../../helpers/test-app.js";

/** Fixture days 2026-07-31 and 2026-08-03 (latest), loaded into every harness app. */
export const FIXTURES = join(import.meta.dirname, "../../fixtures");
const FILES = ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"];

/** A real app, a fake Discord and a started adapter wired together. */
export interface Harness {
  /** The app (real SQLite). */
  app: ReturnType<typeof createTestApp>;
  /** The fake Discord. */
  fake: FakeDiscord;
  /** The adapter under test. */
  adapter: DiscordAdapter;
  /** First guild id. */
  guildId: string;
  /** First guild's channel ids. */
  channels: string[];
  /** A human member. */
  alice: FakeUser;
  /** Starts another adapter against the same fake and app (a restart). */
  restart(extra?: Partial<DiscordConfig>): Promise<DiscordAdapter>;
  /** Stops everything. */
  close(): Promise<void>;
}

/** Builds a fresh adapter for the harness's app and fake. */
export function buildAdapter(app: Harness["app"], fake: FakeDiscord, extra: Partial<DiscordConfig> = {}): DiscordAdapter {
  return createDiscordAdapter({ token: "fake-token-not-secret", config: discordConfigSchema.parse({ apiBase: fake.apiBase, ...extra }), logger: app.ports.logger });
}

/** Starts app + fake + adapter; `start: false` leaves the adapter unstarted; `config` adds config file keys. */
export async function startHarness(options: { start?: boolean; config?: Record<string, unknown> } = {}): Promise<Harness> {
  const app = createTestApp({ now: "2026-08-04T09:00:00Z", config: options.config });
  for (const file of FILES) await ingestFile(app.core.ingests, join(FIXTURES, file));
  const fake = await startFakeDiscord();
  let adapter = buildAdapter(app, fake);
  if (options.start !== false) await adapter.start(app.core);
  const alice = fake.addUser({ id: "1200000000000000001", username: "alice" });
  const harness: Harness = {
    app,
    fake,
    adapter,
    guildId: fake.guilds[0]!.id,
    channels: fake.guilds[0]!.channels.map((c) => c.id),
    alice,
    async restart(extra = {}) {
      await adapter.stop();
      adapter = buildAdapter(app, fake, extra);
      harness.adapter = adapter;
      await adapter.start(app.core);
      return adapter;
    },
    async close() {
      await adapter.stop();
      await fake.close();
      app.cleanup();
    },
  };
  return harness;
}

/** Waits until a recorded request matches, or fails after `timeoutMs`. */
export async function waitForRequest(fake: FakeDiscord, match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fake.requests.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching request; saw:\n${fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join("\n")}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until `check` passes. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Sends `/papers <sub>` as `user` in `channelId` and returns the interaction's callback request. */
export async function runSlash(h: Harness, sub: string | null, options: ApiOption[] = [], extra: { permissions?: string; channelId?: string; dm?: boolean; command?: string; user?: FakeUser } = {}) {
  const place = extra.dm ? { channelId: "1100000000000000099" } : { guildId: h.guildId, channelId: extra.channelId ?? h.channels[0]! };
  const payload = commandInteraction({ place, user: extra.user ?? h.alice, applicationId: h.fake.applicationId, sub, options, permissions: extra.permissions, command: extra.command });
  h.fake.gateway.dispatch("INTERACTION_CREATE", payload);
  const token = String(payload.token);
  const callback = await waitForRequest(h.fake, (r) => r.path.includes(`/${token}/callback`));
  return { token, callback, id: String(payload.id) };
}

/** Every request made with an interaction token, in order. */
export function requestsFor(fake: FakeDiscord, token: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.path.includes(`/${token}`));
}

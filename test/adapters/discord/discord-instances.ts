import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DiscordAdapter } from "../../../src/adapters/discord/discord-adapter.js";
import { buildPlatformAdapters, openApp, type App } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import type { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { testConfig } from "../../helpers/test-app.js";

/** One bot instance in this process: a real app on the shared store and its Discord adapter, built as `npm start` builds them. */
export interface Instance {
  /** The app. */
  app: App;
  /** Its Discord adapter (started unless asked not to). */
  adapter: DiscordAdapter;
  /** Stops the adapter (releasing its leases) and closes the app. */
  stop(): Promise<void>;
}

/** Options for startInstance. */
export interface InstanceOptions {
  /** The shared Postgres URL. */
  url: string;
  /** The fake Discord every instance talks to. */
  fake: FakeDiscord;
  /** INSTANCE_ID. */
  id: string;
  /** More environment (DISCORD_SHARDS, DISCORD_SHARD_COUNT). */
  env?: Record<string, string>;
  /** More `discord` config keys. */
  discord?: Record<string, unknown>;
  /** Start the adapter (default true). */
  start?: boolean;
}

/** Builds an instance through loadConfig, openApp and buildPlatformAdapters, on the system clock (leases expire in real time). */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), "papers-instance-"));
  const configPath = join(dir, "papers.json");
  writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "unused.db")), discord: { apiBase: options.fake.apiBase, reconcileDays: 0, ...options.discord }, scheduler: { enabled: false } }));
  const loaded = loadConfig({ PAPERS_CONFIG: configPath, DATABASE_URL: options.url, INSTANCE_ID: options.id, DISCORD_TOKEN: "fake-token-not-secret", ...options.env }, dir);
  const logger = createSilentLogger();
  const app = await openApp(loaded, { logger });
  const [built] = await buildPlatformAdapters(app, loaded.env, logger);
  const adapter = built!.adapter as DiscordAdapter;
  if (options.start !== false) await adapter.start(app.core);
  return {
    app,
    adapter,
    async stop() {
      await adapter.stop();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

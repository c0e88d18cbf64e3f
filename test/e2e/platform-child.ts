// A delivery process for the platform crash tests: delivers one day's digest to the given
// channels through the REAL Discord or Slack adapter against
// the fake the test hosts (Discord logs in to its gateway for the channel cache), and prints `outcome <conversation> <json>` per channel. With
// CHILD_PAUSE_BEFORE=N it prints `before <dedupeKey>` and waits, before the N-th request leaves,
// so the test can kill it there. Env: CHILD_DB, CHILD_PLATFORM, CHILD_API, CHILD_CHANNELS
// (comma-separated conversation references), CHILD_DAY, CHILD_LEASE_MS.
import { createDiscordAdapter } from "../../src/adapters/discord/discord-adapter.js";
import { discordConfigSchema } from "../../src/adapters/discord/discord-config.js";
import { createSlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import { slackConfigSchema } from "../../src/adapters/slack/slack-config.js";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { ChatAdapter } from "../../src/core/chat/chat-adapter.js";
import { createSilentLogger } from "../../src/core/logger.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const loaded = loadConfig({}, process.cwd());
loaded.config.database.path = env("CHILD_DB");
const logger = createSilentLogger();
const app = createApp(loaded, { logger });
const platform = env("CHILD_PLATFORM");
const real: ChatAdapter =
  platform === "discord"
    ? createDiscordAdapter({ token: "fake-token-not-secret", config: discordConfigSchema.parse({ apiBase: env("CHILD_API"), registerOnStart: false, reconcileDays: 0 }), logger })
    : createSlackAdapter({
        config: slackConfigSchema.parse({ mode: "socket", apiUrl: env("CHILD_API") }),
        credentials: { botToken: "xoxb-test-bot-token", appToken: "xapp-test-app-token" },
        clientOptions: { retryConfig: { retries: 0 } },
        logger,
      });
// discord.js resolves guild channels from its gateway cache, so the Discord child logs in.
if (platform === "discord") await real.start(app.core);
const pauseAt = Number(process.env.CHILD_PAUSE_BEFORE ?? "0");
let requests = 0;
const adapter: ChatAdapter = {
  ...real,
  platform: real.platform,
  limits: real.limits,
  lookUp: real.lookUp?.bind(real),
  send: (conversation, message, options) =>
    real.send(conversation, message, {
      ...options,
      onRequest: () => {
        requests += 1;
        if (requests === pauseAt) {
          process.stdout.write(`before ${options?.dedupeKey}\n`);
          // Block the process (no request leaves) until the test kills it.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
        }
        options?.onRequest?.();
      },
    }),
};

const channels = env("CHILD_CHANNELS").split(",");
const day = env("CHILD_DAY");
const deadline = Date.now() + 20_000;
let pending = channels;
while (pending.length > 0 && Date.now() < deadline) {
  const requestsNow = pending.map((conversation) => ({ conversation, platform, digestDay: day, scheduledFor: null, late: false, owner: `child-${process.pid}`, cutoff: null }));
  const results = await app.core.deliveries.run(requestsNow, new Map([[platform, adapter]]), { concurrency: 4, deliver: { leaseMs: Number(env("CHILD_LEASE_MS")) } });
  for (const r of results) if (r.outcome.kind !== "busy") process.stdout.write(`outcome ${r.request.conversation} ${JSON.stringify(r.outcome)}\n`);
  pending = results.filter((r) => r.outcome.kind === "busy").map((r) => r.request.conversation);
  if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
}
if (platform === "discord") await real.stop();
app.close();

// Fan-out bench: 1,000 channels × (header + 5 papers) through deliverMany against a fake
// platform that enforces Discord's limits (50 requests/s per bot, 5 messages per 5 s per
// channel) and answers 429 + Retry-After like discord.js; one run counts the limits when each
// request arrives, with jittered round trips, and hands the 429s to the engine. Time is virtual (the pacer and the
// fake share one simulated clock), so the run takes seconds; the ledger is a real SQLite file.
// Run: npx tsx bench/fanout.ts [channels] [concurrency]
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ingestFile } from "../src/cli/ingest-file.js";
import { defaultChannelSettings } from "../src/core/digest/channel-settings-store.js";
import type { DigestRequest } from "../src/core/digest/deliver-digest.js";
import { createPacer, type Pacer } from "../src/core/digest/pacer.js";
import { createVirtualTimer } from "../src/core/digest/timer.js";
import { createFakeChatAdapter, DISCORD_LIMITS } from "../test/fakes/fake-chat-adapter.js";
import { createTestApp } from "../test/helpers/test-app.js";

const CHANNELS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 100);
const PAPERS = 5;
const DAY = "2026-07-31"; // the fixture lists exactly 5 papers that day

/** Shortest time the limits allow for `perChannel` messages to each of `channels` channels, in ms. */
function theoreticalMinMs(channels: number, perChannel: number): number {
  const total = channels * perChannel;
  const g = DISCORD_LIMITS.global!;
  const byGlobal = (Math.ceil(total / g.requests) - 1) * g.windowMs;
  const c = DISCORD_LIMITS.perChannel;
  const byChannel = (Math.ceil(perChannel / c.messages) - 1) * c.windowMs;
  return Math.max(byGlobal, byChannel);
}

/** One fan-out run on a fresh test app; bench/fanout-bench.ts reuses it. */
export async function run(label: string, paced: boolean, latencyMs = 0, channels = CHANNELS, arrival?: { jitterMs: number; marginMs?: number }): Promise<Record<string, string | number>> {
  const CHANNELS = channels;
  const app = createTestApp();
  try {
    await ingestFile(app.core.ingests, join(import.meta.dirname, "../test/fixtures/hf-daily-papers-2026-07-31-date-allnewsai.json"));
    const requests: DigestRequest[] = [];
    for (let i = 0; i < CHANNELS; i += 1) {
      const conversation = `discord:G${i % 50}:C${i}`;
      await app.ports.channelSettings.put({ ...defaultChannelSettings(conversation, "discord", `G${i % 50}`, "2026-07-31T00:00:00Z"), postTime: "08:00", maxPapers: PAPERS });
      requests.push({ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "bench", cutoff: null, platform: "discord" });
    }
    const timer = createVirtualTimer();
    // With `arrival`, the fake counts each request when it arrives (after a jittered one-way
    // delay) and answers an over-limit one with a 429 the engine must handle, as the platforms do.
    const fake = createFakeChatAdapter({ timer, latencyMs, ...(arrival ? { rejectAtArrival: true, jitterMs: arrival.jitterMs } : {}) });
    const unpaced: Pacer = { acquire: async () => undefined, sent: () => undefined, holdBack: () => undefined };
    const margined = arrival?.marginMs !== undefined ? createPacer({ limits: fake.limits, timer, marginMs: arrival.marginMs }) : null;
    const wallStart = performance.now();
    const results = await app.core.deliveries.run(requests, new Map([["discord", fake]]), {
      concurrency: CONCURRENCY,
      timer,
      ...(paced ? (margined ? { pacers: new Map([["discord", margined]]) } : {}) : { pacers: new Map([["discord", unpaced]]) }),
    });
    const wallMs = performance.now() - wallStart;
    const sent = results.filter((r) => r.outcome.kind === "sent").length;
    const messages = fake.sends.length;
    const minMs = theoreticalMinMs(CHANNELS, PAPERS + 1);
    const achievedRate = messages / (timer.now() / 1000);
    const allowedRate = messages / (minMs / 1000);
    return {
      run: label,
      channels: `${sent}/${CHANNELS}`,
      messages,
      "virtual s": (timer.now() / 1000).toFixed(1),
      "minimum s": (minMs / 1000).toFixed(1),
      "rate msg/s": achievedRate.toFixed(2),
      "allowed msg/s": allowedRate.toFixed(2),
      ratio: (achievedRate / allowedRate).toFixed(3),
      "429s": fake.rateLimited,
      "wall s": (wallMs / 1000).toFixed(1),
    };
  } finally {
    app.cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = [
    await run(`paced, concurrency ${CONCURRENCY}`, true),
    await run(`paced, 150 ms round trips`, true, 150),
    await run(`paced, limits at arrival, 40 ms round trips + 0–20 ms jitter`, true, 40, CHANNELS, { jitterMs: 20 }),
    await run(`same, margin 0 ms (no safety margin)`, true, 40, CHANNELS, { jitterMs: 20, marginMs: 0 }),
    await run(`same, margin 10 ms`, true, 40, CHANNELS, { jitterMs: 20, marginMs: 10 }),
    await run(`unpaced (library retries only)`, false),
  ];
  console.log(`Fan-out: ${CHANNELS} channels × (1 header + ${PAPERS} papers), Discord limits: 50 req/s global, 5 msg / 5 s per channel`);
  console.table(rows);
  console.log("ratio = achieved rate / the most the limits allow (1.000 = optimal); minimum = (ceil(messages/50) − 1) s, the last 50-message batch's start.");
  console.log("Unpaced reaches the same virtual time only because this fake retries for free; Discord bans an IP for an hour after 10,000 invalid (429) requests in 10 minutes.");
}

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/cli/ingest-file.js";
import type { ChatAdapter } from "../../src/core/chat/chat-adapter.js";
import type { Clock } from "../../src/core/clock.js";
import { defaultChannelSettings } from "../../src/core/digest/channel-settings-store.js";
import { createPromTelemetry } from "../../src/http/prom-telemetry.js";
import type { RunningHttpServer } from "../../src/http/http-server.js";
import { startOperatorServer } from "../../src/http/start-operator-server.js";
import { createScheduler } from "../../src/scheduler/create-scheduler.js";
import { createDiscordAdapter } from "../../src/adapters/discord/discord-adapter.js";
import { discordConfigSchema } from "../../src/adapters/discord/discord-config.js";
import { createFixedClock } from "../../src/core/clock.js";
import { eventually, FIXTURES, runSlash } from "../adapters/discord/discord-harness.js";
import { SECRETS as SLACK_SECRETS, startHarness as startSlackHarness } from "../adapters/slack/slack-harness.js";
import { startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { formBody, signedPost, slashCommand } from "../fakes/slack/slack-payloads.js";
import { createTestApp, say } from "../helpers/test-app.js";

/** A clock the test moves forward by hand. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

async function get(server: RunningHttpServer, path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** A real app (real SQLite, fixture papers), a fake Discord with the real discord.js adapter on it, a scheduler and the operator server. */
async function startStack() {
  const clock = movableClock("2026-08-03T09:00:00Z");
  const telemetry = createPromTelemetry({ llmBudgetLeft: () => 200 });
  const app = createTestApp({ clock, telemetry });
  for (const file of ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"]) await ingestFile(app.core.ingests, join(FIXTURES, file));
  const fake = await startFakeDiscord();
  const adapter = createDiscordAdapter({ token: "fake-token-not-secret", config: discordConfigSchema.parse({ apiBase: fake.apiBase }), logger: app.ports.logger, now: () => clock.now(), onRateLimited: () => telemetry.rateLimited("discord") });
  await adapter.start(app.core);
  const adapters: ChatAdapter[] = [adapter];
  const scheduler = createScheduler({ core: app.core, clock, logger: app.ports.logger, adapters: new Map([["discord", adapter]]), sources: null });
  const server = await startOperatorServer({
    http: { port: 0, host: "127.0.0.1" },
    pingStore: () => app.database.ping(),
    ingestRuns: app.ports.ingestRuns,
    sources: ["hf", "arxiv-rss"],
    adapters,
    lastDeliveryPass: () => scheduler.lastDeliveryPass(),
    telemetry,
    fallback: null,
    clock,
    logger: app.ports.logger,
  });
  return { app, fake, adapter, scheduler, server, clock, telemetry };
}

type Stack = Awaited<ReturnType<typeof startStack>>;

describe("GET /healthz and GET /metrics over real HTTP", () => {
  let stack: Stack | null = null;
  afterEach(async () => {
    if (!stack) return;
    await stack.server.close();
    await stack.scheduler.stop();
    await stack.adapter.stop();
    await stack.fake.close();
    stack.app.cleanup();
    stack = null;
  });

  it("healthy: 200 with the store reachable, Discord connected, each source's last ingest and the last delivery pass", async () => {
    stack = await startStack();
    await stack.scheduler.deliverDue();
    const res = await get(stack.server, "/healthz");
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ status: "ok", problems: [], store: { reachable: true }, platforms: { discord: { connected: true, downSeconds: 0 } } });
    // ingestFile records runs under file:… names; no hf or arxiv-rss run has succeeded yet.
    expect(body.ingest).toEqual({ hf: { lastSuccessAt: null, ageSeconds: null }, "arxiv-rss": { lastSuccessAt: null, ageSeconds: null } });
    expect(body.delivery).toMatchObject({ lastPassAt: "2026-08-03T09:00:00.000Z", due: 0 });
  });

  it("reports the age of the last successful ingest per source", async () => {
    stack = await startStack();
    const id = await stack.app.ports.ingestRuns.start("hf", "2026-08-03");
    await stack.app.ports.ingestRuns.finish(id, { status: "ok", papersNew: 3, papersUpdated: 0, bad: [], error: null });
    const finishedAt = (await stack.app.ports.ingestRuns.recent(1, "hf"))[0]!.finishedAt!;
    const body = JSON.parse((await get(stack.server, "/healthz")).body);
    expect(body.ingest.hf.lastSuccessAt).toBe(finishedAt);
    expect(typeof body.ingest.hf.ageSeconds).toBe("number");
  });

  it("store down: 503 with the store unreachable and the reason", async () => {
    stack = await startStack();
    stack.app.close();
    const res = await get(stack.server, "/healthz");
    expect(res.status).toBe(503);
    const body = JSON.parse(res.body);
    expect(body.status).toBe("unhealthy");
    expect(body.store.reachable).toBe(false);
    expect(body.store.error).toMatch(/not open/);
    expect(body.problems).toContain("the store does not answer");
  });

  it("Discord disconnected: still 200 (degraded) for the first minute, 503 after it", async () => {
    stack = await startStack();
    await stack.fake.gateway.close();
    await eventually(() => expect(stack!.adapter.connection!().connected).toBe(false), 10_000);
    const early = await get(stack.server, "/healthz");
    expect(early.status).toBe(200);
    expect(JSON.parse(early.body)).toMatchObject({ status: "degraded", platforms: { discord: { connected: false } } });
    stack.clock.advance(61_000);
    const late = await get(stack.server, "/healthz");
    expect(late.status).toBe(503);
    const body = JSON.parse(late.body);
    expect(body).toMatchObject({ status: "unhealthy", platforms: { discord: { connected: false, downSeconds: 61 } } });
    expect(body.problems).toEqual(["discord has been disconnected for 61 s"]);
  });

  it("metrics: a command and a delivery show up as papers_ counters, with the process defaults", async () => {
    stack = await startStack();
    const guild = stack.fake.guilds[0]!;
    const alice = stack.fake.addUser({ id: "1200000000000000001", username: "alice" });
    await runSlash({ ...stack, guildId: guild.id, channels: guild.channels.map((c) => c.id), alice, close: async () => undefined, restart: async () => stack!.adapter }, "help");
    // Due at 08:59, delivered at 09:00: one minute late.
    const conversation = `discord:${guild.id}:${guild.channels[0]!.id}`;
    await stack.app.ports.channelSettings.put({ ...defaultChannelSettings(conversation, "discord", guild.id, "2026-08-03T08:00:00Z"), postTime: "08:59" });
    const results = await stack.scheduler.deliverDue();
    expect(results?.map((r) => r.outcome.kind)).toEqual(["sent"]);
    const paperId = (await stack.app.ports.ledger.run(conversation, "2026-08-03").items()).find((i) => i.paperId)!.paperId!;
    await say(stack.app, `upvote ${paperId}`, { conversation });
    await say(stack.app, `upvote ${paperId}`, { conversation });
    const res = await get(stack.server, "/metrics");
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^papers_commands_total\{command="help",outcome="ok"\} 1$/m);
    expect(res.body).toMatch(/^papers_posts_total\{platform="discord",outcome="sent"\} 4$/m);
    expect(res.body).toMatch(/^papers_delivery_lag_seconds_count\{platform="discord"\} 1$/m);
    expect(res.body).toMatch(/^papers_delivery_lag_seconds_sum\{platform="discord"\} 60$/m);
    expect(res.body).toMatch(/^papers_commands_total\{command="upvote",outcome="ok"\} 2$/m);
    expect(res.body).toMatch(/^papers_vote_events_total\{via="command",outcome="counted"\} 1$/m);
    expect(res.body).toMatch(/^papers_vote_events_total\{via="command",outcome="unchanged"\} 1$/m);
    expect(res.body).toMatch(/^papers_ingest_runs_total\{source="file",status="ok"\} 2$/m);
    expect(res.body).toMatch(/^papers_llm_budget_remaining 200$/m);
    expect(res.body).toMatch(/^papers_process_cpu_seconds_total \d/m);
    expect(res.body).toMatch(/^papers_nodejs_eventloop_lag_seconds /m);
    const names = [...res.body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => !n.startsWith("papers_"))).toEqual([]);
  });

  it("a 429 from Discord is counted", async () => {
    stack = await startStack();
    stack.fake.rateLimit("POST", /^\/channels\/\d+\/messages$/, 1, 1);
    const conversation = `discord:${stack.fake.guilds[0]!.id}:${stack.fake.guilds[0]!.channels[0]!.id}`;
    // The adapter hands a post's 429 to the delivery engine (which waits and resends) instead of waiting inside discord.js.
    await expect(stack.adapter.send(conversation, { blocks: [], fallbackText: "hello" })).rejects.toMatchObject({ reason: "rate_limited" });
    expect(await stack.telemetry.metrics()).toMatch(/^papers_rate_limited_total\{platform="discord"\} 1$/m);
  });
});

describe("Slack in HTTP mode shares the operator server", () => {
  it("answers a signed slash command at slack.path, reports Slack connected, and still 404s other paths", async () => {
    const h = await startSlackHarness("http", { sharedServer: true });
    const server = await startOperatorServer({
      http: { port: 0, host: "127.0.0.1" },
      pingStore: () => h.app.database.ping(),
      ingestRuns: h.app.ports.ingestRuns,
      sources: [],
      adapters: [h.adapter],
      lastDeliveryPass: () => null,
      telemetry: null,
      fallback: h.adapter.requestListener(),
      clock: h.app.ports.clock,
      logger: h.app.ports.logger,
    });
    try {
      expect(h.adapter.requestUrl()).toBeNull();
      h.fake.addChannel("C0PAPERS");
      const body = formBody(slashCommand({ teamId: "T0001", channel: "C0PAPERS", user: "UMEMBER" }, "help", h.fake.responseUrl()));
      const res = await signedPost(`${server.url}/slack/events`, body, "form", { secret: SLACK_SECRETS.signingSecret });
      expect(res.status).toBe(200);
      expect(res.text).toContain("/papers today");
      const forged = await signedPost(`${server.url}/slack/events`, body, "form", { secret: "wrong-secret-wrong-secret" });
      expect(forged.status).toBe(401);
      const health = JSON.parse((await get(server, "/healthz")).body);
      expect(health.platforms).toMatchObject({ slack: { connected: true } });
      expect((await get(server, "/metrics")).status).toBe(404);
      expect((await get(server, "/elsewhere")).status).toBe(404);
    } finally {
      await server.close();
      await h.close();
    }
  });
});

describe("Slack in Socket Mode reports its connection", () => {
  it("connected once started, disconnected (since when) once stopped", async () => {
    const clock = createFixedClock("2026-08-04T09:00:00Z");
    const h = await startSlackHarness("socket", { now: () => clock.now() }, { ingest: false });
    try {
      expect(h.adapter.connection!()).toMatchObject({ connected: true });
      await h.adapter.stop();
      expect(h.adapter.connection!()).toEqual({ connected: false, since: "2026-08-04T09:00:00.000Z" });
    } finally {
      await h.close();
    }
  });
});

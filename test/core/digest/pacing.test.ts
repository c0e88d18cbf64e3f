import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { deliverMany } from "../../../src/core/digest/deliver-many.js";
import { createPacer, DEFAULT_PACER_MARGIN_MS } from "../../../src/core/digest/pacer.js";
import { createVirtualTimer } from "../../../src/core/digest/timer.js";
import { createFakeChatAdapter, DISCORD_LIMITS } from "../../fakes/fake-chat-adapter.js";
import { createDigestApp, putSettings, request } from "./digest-setup.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const channel = (i: number) => `discord:G1:C${String(i).padStart(3, "0")}`;

describe("pacer", () => {
  it("keeps every channel window and the global window within the limits", async () => {
    const timer = createVirtualTimer();
    const pacer = createPacer({ limits: DISCORD_LIMITS, timer, marginMs: 0 });
    const stamps: { conv: string; at: number }[] = [];
    await Promise.all(Array.from({ length: 30 }, async (_, c) => {
      for (let m = 0; m < 7; m += 1) {
        await pacer.acquire(channel(c));
        stamps.push({ conv: channel(c), at: timer.now() });
      }
    }));
    for (const s of stamps) {
      expect(stamps.filter((o) => o.at > s.at - 1000 && o.at <= s.at).length).toBeLessThanOrEqual(50);
      expect(stamps.filter((o) => o.conv === s.conv && o.at > s.at - 5000 && o.at <= s.at).length).toBeLessThanOrEqual(5);
    }
    // Optimal: the 60 sends after each channel's first 5 cannot start before 5 s, and 50/s fits 50 of them in
    // [5 s, 6 s), so the last goes at exactly 6 s.
    expect(timer.now()).toBe(6000);
  });

  it("holding one channel back (Retry-After) does not delay another", async () => {
    const timer = createVirtualTimer();
    const pacer = createPacer({ limits: DISCORD_LIMITS, timer });
    pacer.holdBack("discord:G1:slow", 30_000);
    const order: string[] = [];
    await Promise.all([
      pacer.acquire("discord:G1:slow").then(() => order.push(`slow@${timer.now()}`)),
      pacer.acquire("discord:G1:fast").then(() => order.push(`fast@${timer.now()}`)),
    ]);
    expect(order).toEqual(["fast@0", "slow@30000"]);
  });
});

describe("deliverMany against a fake that enforces Discord's limits", () => {
  let app: App;
  beforeEach(async () => (app = await createDigestApp()));
  afterEach(() => app.cleanup());

  const requests = async (n: number): Promise<DigestRequest[]> => {
    const list: DigestRequest[] = [];
    for (let i = 0; i < n; i += 1) {
      await putSettings(app, { maxPapers: 5 }, channel(i));
      list.push({ ...request("2026-07-31", { conversation: channel(i) }), platform: "discord" });
    }
    return list;
  };

  it("paces 40 channels × 6 messages with no 429 and close to the allowed rate", async () => {
    const timer = createVirtualTimer();
    const fake = createFakeChatAdapter({ timer });
    const results = await deliverMany(app.ports, new Map([["discord", fake]]), await requests(40), { concurrency: 40, timer });
    expect(results.map((r) => r.outcome.kind)).toEqual(Array(40).fill("sent"));
    expect(fake.sends).toHaveLength(240);
    expect(fake.rateLimited).toBe(0);
    // 240 at 50/s needs ≥ 4.78 s; each channel's 6th message must wait 5 s (plus the margin) after its 1st.
    expect(timer.now()).toBe(5000 + DEFAULT_PACER_MARGIN_MS);
    for (let i = 0; i < 40; i += 1) {
      const own = fake.sentTo(channel(i));
      expect(own.map((s) => s.message.blocks[0]?.kind)).toEqual(["header", "paper", "paper", "paper", "paper", "paper"]);
    }
  });

  it("against limits counted at arrival with jittered round trips: 0 × 429 (stamped when the request leaves, with the margin); without the margin, 429s", async () => {
    const reqs = await requests(60);
    const arrivalRun = async (marginMs?: number) => {
      const timer = createVirtualTimer();
      const fake = createFakeChatAdapter({ timer, latencyMs: 40, jitterMs: 20, rejectAtArrival: true });
      const pacers = marginMs === undefined ? undefined : new Map([["discord", createPacer({ limits: DISCORD_LIMITS, timer, marginMs })]]);
      const results = await deliverMany(app.ports, new Map([["discord", fake]]), reqs, { concurrency: 60, timer, ...(pacers ? { pacers } : {}) });
      return { kinds: new Set(results.map((r) => r.outcome.kind)), limited: fake.rateLimited, sends: fake.sends.length };
    };
    expect(await arrivalRun()).toEqual({ kinds: new Set(["sent"]), limited: 0, sends: 360 });
    for (const r of reqs) await app.database.sqlite.prepare("DELETE FROM deliveries WHERE conversation = ?").run(r.conversation);
    await app.database.sqlite.prepare("DELETE FROM digest_runs").run();
    const bare = await arrivalRun(0);
    expect(bare.limited).toBeGreaterThan(0);
    expect(bare.sends).toBe(360);
  });

  it("without the pacer the fake answers 429s and waits them out, like discord.js", async () => {
    const timer = createVirtualTimer();
    const fake = createFakeChatAdapter({ timer });
    const unpaced = { acquire: async () => undefined, sent: () => undefined, holdBack: () => undefined };
    await deliverMany(app.ports, new Map([["discord", fake]]), await requests(20), { concurrency: 20, timer, pacers: new Map([["discord", unpaced]]) });
    expect(fake.sends).toHaveLength(120);
    expect(fake.rateLimited).toBeGreaterThan(0);
  });

  it("a slow channel and a failing channel never hold up the others", async () => {
    const timer = createVirtualTimer();
    const fake = createFakeChatAdapter({ timer });
    const reqs = await requests(12);
    fake.slowChannel(channel(0), 120_000);
    fake.failChannel(channel(1), { permanent: true, reason: "channel_not_found" });
    fake.failChannel(channel(2), { permanent: false, reason: "ECONNRESET", after: 2 });
    const finishedAt = new Map<string, number>();
    const results = await deliverMany(app.ports, new Map([["discord", fake]]), reqs, { concurrency: 4, timer, onResult: (r) => finishedAt.set(r.request.conversation, timer.now()) });
    expect(results.map((r) => r.outcome.kind)).toEqual(["sent", "failed", "failed", ...Array(9).fill("sent")]);
    expect(results[1]!.outcome).toEqual({ kind: "failed", reason: "channel_not_found", permanent: true });
    expect(results[2]!.outcome).toEqual({ kind: "failed", reason: "ECONNRESET", permanent: false });
    expect(Math.max(...reqs.slice(1).map((r) => finishedAt.get(r.conversation)!))).toBeLessThan(30_000);
    expect(finishedAt.get(channel(0))).toBeGreaterThanOrEqual(6 * 120_000);
    expect(await deliverMany(app.ports, new Map(), [{ ...reqs[3]!, platform: "slack" }], { concurrency: 1 })).toMatchObject([{ outcome: { kind: "failed", reason: "no slack adapter is running" } }]);
  });
});

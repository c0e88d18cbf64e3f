import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createFixedClock } from "../../src/core/clock.js";
import type { Logger, LogFields } from "../../src/core/logger.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from "../fakes/fake-embeddings-server.js";
import { say, testConfig } from "../helpers/test-app.js";

const DAY = "2026-07-31";
/** Names speech recognition once in its abstract: below the words' threshold alone, semantically close. */
const NEAR: PaperInput = { id: "2607.20001", source: "hf", title: "Listening machines", abstract: "Speech recognition.", aiKeywords: [], dailyDate: DAY, hfUpvotes: 3 };
const FAR: PaperInput = { id: "2607.20002", source: "hf", title: "Robot grasping from video", abstract: "Grasping objects with a parallel gripper from demonstrations.", aiKeywords: [], dailyDate: DAY, hfUpvotes: 9 };

/** A logger that records every line. */
function recordingLogger(lines: { level: string; fields: LogFields; message: string }[]): Logger {
  const make = (bound: LogFields): Logger => ({
    debug: (f, m) => lines.push({ level: "debug", fields: { ...bound, ...f }, message: m }),
    info: (f, m) => lines.push({ level: "info", fields: { ...bound, ...f }, message: m }),
    warn: (f, m) => lines.push({ level: "warn", fields: { ...bound, ...f }, message: m }),
    error: (f, m) => lines.push({ level: "error", fields: { ...bound, ...f }, message: m }),
    child: (f) => make({ ...bound, ...f }),
  });
  return make({});
}

describe("embeddings through the real app and a local OpenAI-compatible fake", () => {
  let fake: FakeEmbeddingsServer;
  let dir: string;
  let app: App;
  const lines: { level: string; fields: LogFields; message: string }[] = [];
  beforeAll(async () => {
    fake = await startFakeEmbeddingsServer();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
    lines.length = 0;
    fake.requests.length = 0;
  });

  async function start(embeddings: Record<string, unknown> | null, env: Record<string, string> = {}): Promise<void> {
    dir = mkdtempSync(join(tmpdir(), "papers-emb-"));
    const configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "papers.db")), ...(embeddings ? { embeddings } : {}) }));
    app = createApp(loadConfig({ PAPERS_CONFIG: configPath, ...env }, dir), { logger: recordingLogger(lines), clock: createFixedClock("2026-08-01T09:00:00Z") });
    await app.core.ingests.batch("file", async () => ({ papers: [NEAR, FAR], bad: [] }));
  }
  const ids = (reply: Awaited<ReturnType<typeof say>>) => reply.blocks.flatMap((b) => (b.kind === "paper" ? [b.paper.id] : []));

  it("is off by default: words only, and no request is made", async () => {
    await start(null);
    expect(app.ports.topics.semantic).toBeNull();
    const reply = await say(app, "today speech recognition");
    expect(ids(reply)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it("adds semantic similarity to the words, shows it in why, and embeds each paper and topic once", async () => {
    fake.behave({ kind: "ok", dimensions: 256 });
    await start({ baseUrl: fake.url, model: "fake-embed", timeoutMs: 2000 }, { EMBEDDINGS_API_KEY: "sk-test-secret" });
    const reply = await say(app, "today speech recognition");
    expect(ids(reply)).toEqual([NEAR.id]);
    const card = reply.blocks.find((b) => b.kind === "paper");
    expect(card?.kind === "paper" && card.paper.matched).toMatch(/^words below the threshold \(1\.00\); semantic similarity 0\.\d\d \(\+0\.\d\d\)$/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.model).toBe("fake-embed");
    expect(fake.requests[0]!.input).toHaveLength(3);
    await say(app, "today speech recognition");
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain("sk-test-secret");
  });

  it.each([
    ["garbage JSON", { kind: "garbage" } as const],
    ["an HTTP 500", { kind: "status", status: 500 } as const],
    ["vectors of the wrong length", { kind: "wrong-dimensions" } as const],
    ["a slow answer", { kind: "delay", ms: 1500, dimensions: 256 } as const],
  ])("falls back to the words on %s, logs it once, and the user sees no error", async (_name, behaviour) => {
    fake.behave(behaviour);
    await start({ baseUrl: fake.url, model: "fake-embed", timeoutMs: 300 });
    const first = await say(app, "today speech recognition");
    const second = await say(app, "today speech recognition");
    for (const reply of [first, second]) {
      expect(reply.failure).toBeUndefined();
      expect(reply.fallbackText).toContain("None of the 2026-07-31 papers is about speech recognition");
    }
    const warned = lines.filter((l) => l.level === "warn" && l.message.startsWith("embeddings failed"));
    expect(warned).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
    expect((await app.ports.papers.get(NEAR.id))?.id).toBe(NEAR.id);
  });

  it("refuses a half-configured section at start, naming the fix", async () => {
    dir = mkdtempSync(join(tmpdir(), "papers-emb-"));
    const configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "papers.db")), embeddings: { baseUrl: fake.url } }));
    expect(() => loadConfig({ PAPERS_CONFIG: configPath }, dir)).toThrow(/"embeddings": set both baseUrl and model/);
    await start(null);
  });
});

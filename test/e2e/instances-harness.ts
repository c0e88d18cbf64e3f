import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createFixedClock } from "../../src/core/clock.js";
import { defaultChannelSettings } from "../../src/core/digest/channel-settings-store.js";
import { createSilentLogger } from "../../src/core/logger.js";
import { ROOT } from "../helpers/run-process.js";

const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** The HF list of 2026-06-12 (a Friday, 10 papers): every channel's digest of that day. */
export const DAY = "2026-06-12";
/** The instances' "now" when the test starts: just after the 08:00 UTC post time. */
export const EPOCH = `${DAY}T08:00:30.000Z`;
const HF_FILE = join(ROOT, "test/fixtures/hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json");

/** One line of the shared record of accepted posts. */
export interface Posted {
  /** INSTANCE_ID of the poster. */
  instance: string;
  /** Conversation reference. */
  conversation: string;
  /** `header`, `notice` or `paper:<id>`. */
  item: string;
  /** Ledger dedupe key. */
  dedupeKey: string;
  /** Message reference. */
  ref: string;
  /** When the platform accepted it, epoch ms. */
  at: number;
}

/** Every accepted post so far. */
export function readPosted(out: string): Posted[] {
  return existsSync(out) ? readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Posted) : [];
}

/** A config file for instances: the store from DATABASE_URL, short leases, the given sources and scheduler knobs. */
export function writeInstanceConfig(dir: string, name: string, extra: { upstream?: string; userAgent?: string; hf?: boolean; scheduler?: Record<string, unknown>; database?: Record<string, unknown> } = {}): string {
  const upstream = extra.upstream ?? "http://127.0.0.1:9";
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      database: { path: join(dir, "unused.db"), connectRetrySeconds: 20, ...extra.database },
      log: { level: "info" },
      sources: {
        hf: { enabled: extra.hf ?? false, baseUrl: upstream, refetchDays: 0 },
        arxiv: { rssEnabled: false, categories: [], rssBaseUrl: upstream, apiBaseUrl: upstream, minIntervalMs: 0 },
        http: { timeoutMs: 2000, retries: 0, ...(extra.userAgent ? { userAgent: extra.userAgent } : {}) },
      },
      scheduler: { concurrency: 4, leaseSeconds: 2, ingestLeaseSeconds: 2, startupIngestWaitMinutes: 0, lateAfterMinutes: 60, waitForListMinutes: 0, ...extra.scheduler },
    }),
  );
  return path;
}

/** Migrates the store at `url`, ingests the HF list of DAY and schedules `channels` discord channels at 08:00 UTC with `maxPapers` each. */
export async function seedStore(url: string, dir: string, channels: number, maxPapers = 5): Promise<string[]> {
  const loaded = loadConfig({ PAPERS_CONFIG: writeInstanceConfig(dir, "seed"), DATABASE_URL: url }, dir);
  const app = await openApp(loaded, { logger: createSilentLogger(), clock: createFixedClock(EPOCH) });
  try {
    const run = await ingestFile(app.core.ingests, HF_FILE);
    if (run.status !== "ok") throw new Error(`fixture did not ingest: ${run.error}`);
    const names = Array.from({ length: channels }, (_, i) => `discord:G1:C${String(i).padStart(3, "0")}`);
    for (const conversation of names) {
      await app.ports.channelSettings.put({ ...defaultChannelSettings(conversation, "discord", "G1", "2026-06-01T00:00:00.000Z"), postTime: "08:00", maxPapers });
    }
    return names;
  } finally {
    await app.close();
  }
}

/** A running instance child. */
export interface Instance {
  /** Its INSTANCE_ID. */
  id: string;
  /** The process. */
  proc: ChildProcess;
  /** stdout so far. */
  stdout(): string;
  /** stderr (the JSON log) so far. */
  stderr(): string;
  /** Log lines so far, parsed. */
  log(): { msg?: string; level?: number; [key: string]: unknown }[];
  /** Resolves at exit. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `/papers <text>` in `conversation`; resolves with the reply's text. */
  command(conversation: string, text: string): Promise<string | null>;
}

/** Starts test/e2e/instance-child.ts as INSTANCE_ID `id` on the store at `url`. */
export function startInstance(options: { id: string; url: string; config: string; out: string; base: number; latencyMs?: number; env?: Record<string, string> }): Instance {
  const proc = spawn(process.execPath, ["--import", TSX, join(ROOT, "test/e2e/instance-child.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PAPERS_CONFIG: options.config,
      DATABASE_URL: options.url,
      INSTANCE_ID: options.id,
      CHILD_OUT: options.out,
      CHILD_EPOCH: EPOCH,
      CHILD_BASE: String(options.base),
      CHILD_LATENCY_MS: String(options.latencyMs ?? 0),
      CHILD_TICK_MS: "250",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiting: ((reply: string | null) => void)[] = [];
  let answered = 0;
  proc.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
    const replies = stdout.split("\n").slice(0, -1).filter((l) => l.startsWith("reply "));
    while (answered < replies.length && waiting.length > 0) {
      waiting.shift()!(JSON.parse(replies[answered]!.slice(6)) as string | null);
      answered += 1;
    }
  });
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("close", (code, signal) => resolve({ code, signal })));
  return {
    id: options.id,
    proc,
    stdout: () => stdout,
    stderr: () => stderr,
    log: () =>
      stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg?: string; level?: number }),
    exited,
    command(conversation, text) {
      return new Promise((resolve) => {
        waiting.push(resolve);
        proc.stdin!.write(`${conversation} ${text}\n`);
      });
    },
  };
}

/** Polls `check` every 50 ms until it is true; throws `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stops instances still running (SIGTERM, then SIGKILL after 5 s). */
export async function stopAll(instances: Instance[]): Promise<void> {
  await Promise.all(
    instances.map(async (i) => {
      if (i.proc.exitCode !== null || i.proc.signalCode !== null) return;
      i.proc.kill("SIGTERM");
      const timer = setTimeout(() => i.proc.kill("SIGKILL"), 5000);
      await i.exited;
      clearTimeout(timer);
    }),
  );
}

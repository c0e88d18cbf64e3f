import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createFixedClock, type Clock } from "../../src/core/clock.js";
import type { Telemetry } from "../../src/core/telemetry.js";
import type { CommandEvent, OutboundMessage } from "../../src/core/chat/message.js";
import { createSilentLogger } from "../../src/core/logger.js";
import { createApp, type App, type SqliteApp } from "../../src/app.js";

/** A config file body whose upstreams point at `upstream` (default: a closed loopback port). */
export function testConfig(dbPath: string, upstream = "http://127.0.0.1:9"): Record<string, unknown> {
  return {
    database: { path: dbPath, connectRetrySeconds: 0 },
    log: { level: "silent" },
    sources: {
      hf: { baseUrl: upstream },
      arxiv: { rssBaseUrl: upstream, apiBaseUrl: upstream, minIntervalMs: 0 },
      http: { timeoutMs: 2000, retries: 0 },
    },
  };
}

/** A real app (real SQLite with migrations, real stores and commands) in a temp dir, configured through a real config file (`config` adds top-level keys, e.g. `votes`). */
export function createTestApp(options: { now?: string; upstream?: string; config?: Record<string, unknown>; clock?: Clock; telemetry?: Telemetry } = {}): SqliteApp & { cleanup(): void; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "papers-app-"));
  const configPath = join(dir, "papers.json");
  writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "papers.db"), options.upstream), ...options.config }));
  const loaded = loadConfig({ PAPERS_CONFIG: configPath }, dir);
  const app = createApp(loaded, { logger: createSilentLogger(), clock: options.clock ?? createFixedClock(options.now ?? "2026-08-01T09:00:00Z"), telemetry: options.telemetry });
  return {
    ...app,
    dir,
    cleanup() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends `/papers <line>` as a user of the shell conversation and returns the reply. */
export async function say(app: App, line: string, actor: Partial<{ id: string; canManage: boolean; conversation: string }> = {}): Promise<OutboundMessage> {
  const trimmed = line.trim();
  const space = trimmed.indexOf(" ");
  const event: CommandEvent = {
    kind: "command",
    name: space < 0 ? trimmed : trimmed.slice(0, space),
    text: space < 0 ? "" : trimmed.slice(space + 1),
    platform: "shell",
    workspace: "local",
    conversation: actor.conversation ?? "shell:local:test",
    raw: null,
    actor: { id: actor.id ?? "alice", canManageChannel: async () => actor.canManage ?? true },
  };
  const reply = await app.core.handle(event);
  if (!reply) throw new Error(`no reply to ${line}`);
  return reply;
}

/** All text of a reply, for assertions. */
export function textOf(message: OutboundMessage): string {
  return message.fallbackText + "\n" + message.blocks.map((b) => ("text" in b ? b.text : b.kind === "paper" ? `${b.paper.title} ${b.paper.matched ?? ""}` : "")).join("\n");
}

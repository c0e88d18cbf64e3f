import { join } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import type { LogFields, Logger } from "../../../src/core/logger.js";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from "../../../src/adapters/slack/slack-adapter.js";
import { slackConfigSchema, type SlackConfig } from "../../../src/adapters/slack/slack-config.js";
import { startFakeSlack, type FakeSlack } from "../../fakes/slack/fake-slack.js";
import { formBody, interactivityBody, signedPost, slashCommand, type Origin } from "../../fakes/slack/slack-payloads.js";
import { createTestApp } from "../../helpers/test-app.js";

/** Test secrets: long enough to be redacted, fake enough to be harmless. */
export const SECRETS = { botToken: "xoxb-test-bot-token", appToken: "xapp-test-app-token", signingSecret: "test-signing-secret-0123456789abcdef" } as const;

const FIXTURES = join(import.meta.dirname, "../../fixtures");

/** A logger that keeps every line, so tests can assert that secrets never reach it. */
export function createRecordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const make = (base: LogFields): Logger => ({
    debug: (f, m) => void lines.push(JSON.stringify({ level: "debug", ...base, ...f, m })),
    info: (f, m) => void lines.push(JSON.stringify({ level: "info", ...base, ...f, m })),
    warn: (f, m) => void lines.push(JSON.stringify({ level: "warn", ...base, ...f, m })),
    error: (f, m) => void lines.push(JSON.stringify({ level: "error", ...base, ...f, m })),
    child: (f) => make({ ...base, ...f }),
  });
  return Object.assign(make({}), { lines });
}

/** What a command produced: the ack (HTTP response body or Socket Mode ack payload) and the response_url posts. */
export interface CommandResult {
  /** The ack payload ({} for an empty ack). */
  ack: Record<string, unknown>;
  /** HTTP status (200 in Socket Mode). */
  status: number;
}

/** One transport under test. */
export interface Transport {
  /** `socket` or `http`. */
  mode: "socket" | "http";
  /** Sends `/papers <text>`. */
  command(origin: Origin, text: string): Promise<CommandResult>;
  /** Sends a block_actions payload. */
  interact(payload: Record<string, unknown>): Promise<CommandResult>;
  /** Sends an Events API body; `retryNum` as Slack's retry header / retry_attempt. */
  event(body: Record<string, unknown>, retryNum?: number): Promise<CommandResult>;
}

/** A real app + fake Slack + started adapter. */
export interface Harness {
  /** The papers-bot app over a real temp SQLite. */
  app: ReturnType<typeof createTestApp>;
  /** The fake Slack. */
  fake: FakeSlack;
  /** The adapter under test. */
  adapter: SlackAdapter;
  /** The transport driver. */
  transport: Transport;
  /** Log lines the adapter wrote. */
  logs: string[];
  /** Waits until the fake received `count` response_url posts. */
  responses(count: number): Promise<Record<string, unknown>[]>;
  /** Stops the adapter and starts a fresh one (same options) against the same app and fake. */
  restart(): Promise<SlackAdapter>;
  /** Stops everything. */
  close(): Promise<void>;
}

/** Polls `check` until it returns a value, or fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

function parse(text: string): Record<string, unknown> {
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Adapter options for a test: the `slack` config section (defaults plus `config`), the test tokens the mode needs, no retries. */
export function testAdapterOptions(mode: "socket" | "http", apiUrl: string, logger: Logger, config: Partial<SlackConfig> = {}, secrets: Partial<Record<keyof typeof SECRETS, string>> = {}): SlackAdapterOptions {
  const tokens = { ...SECRETS, ...secrets };
  return {
    config: slackConfigSchema.parse({ mode, port: 0, host: "127.0.0.1", apiUrl, ...config }),
    credentials: mode === "socket" ? { botToken: tokens.botToken, appToken: tokens.appToken } : { botToken: tokens.botToken, signingSecret: tokens.signingSecret },
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  };
}

/** Builds and starts the harness in one transport, with fixtures ingested. */
export async function startHarness(
  mode: "socket" | "http",
  extra: Partial<Omit<SlackAdapterOptions, "config">> & { config?: Partial<SlackConfig> } = {},
  options: { ingest?: boolean; startAdapter?: boolean; config?: Record<string, unknown> } = {},
): Promise<Harness> {
  const app = createTestApp({ now: "2026-08-04T09:00:00Z", config: options.config });
  if (options.ingest !== false) {
    for (const f of ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"]) await ingestFile(app.core.ingests, join(FIXTURES, f));
  }
  const fake = await startFakeSlack();
  const logger = createRecordingLogger();
  const { config, ...rest } = extra;
  const build = () => createSlackAdapter({ ...testAdapterOptions(mode, fake.apiUrl, logger, config), ...rest });
  let adapter = build();
  if (options.startAdapter !== false) await adapter.start(app.core);
  const http = (body: string, type: "form" | "json", headers?: Record<string, string>) =>
    signedPost(harness.adapter.requestUrl()!, body, type, { secret: SECRETS.signingSecret, headers }).then((r) => ({ status: r.status, ack: parse(r.text) }));
  const transport: Transport =
    mode === "http"
      ? {
          mode,
          command: (origin, text) => http(formBody(slashCommand(origin, text, fake.responseUrl())), "form"),
          interact: (payload) => http(interactivityBody(payload), "form"),
          event: (body, retryNum) => http(JSON.stringify(body), "json", retryNum ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" } : undefined),
        }
      : {
          mode,
          command: async (origin, text) => ({ status: 200, ack: (await fake.push("slash_commands", slashCommand(origin, text, fake.responseUrl()))).payload }),
          interact: async (payload) => ({ status: 200, ack: (await fake.push("interactive", payload)).payload }),
          event: async (body, retryNum) => ({ status: 200, ack: (await fake.push("events_api", body, { retryAttempt: retryNum })).payload }),
        };
  const harness: Harness = {
    app,
    fake,
    adapter,
    transport,
    logs: logger.lines,
    responses: (count) => waitFor(() => (fake.responses.length >= count ? fake.responses.map((r) => r.body) : undefined)),
    async restart() {
      await harness.adapter.stop();
      adapter = build();
      harness.adapter = adapter;
      await adapter.start(app.core);
      return adapter;
    },
    async close() {
      await harness.adapter.stop();
      await fake.close();
      app.cleanup();
    },
  };
  return harness;
}


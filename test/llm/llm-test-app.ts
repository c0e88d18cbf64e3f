import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/clock.js";
import type { LogFields, Logger } from "../../src/core/logger.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import { createApp, type App } from "../../src/app.js";
import { testConfig } from "../helpers/test-app.js";

/** The API key the tests configure; asserted never to reach a log line. */
export const TEST_API_KEY = "sk-test-SECRET-do-not-log-1234";

/** Every log line, as JSON text, for "the key is never logged" checks. */
export function createRecordingLogger(lines: string[], bound: LogFields = {}): Logger {
  const write = (level: string) => (fields: LogFields, message: string) => {
    lines.push(JSON.stringify({ level, ...bound, ...fields, message }, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)));
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error"), child: (fields) => createRecordingLogger(lines, { ...bound, ...fields }) };
}

/** Options for a test app with a language model. */
export interface LlmTestAppOptions {
  /** `none`, `openai` or `anthropic`. */
  provider: "none" | "openai" | "anthropic";
  /** The fake's SDK base URL (ignored for `none`). */
  baseUrl?: string;
  /** Fake arXiv HTML origin; omitted turns full text off. */
  htmlUrl?: string;
  /** Daily request budget. Default 50. */
  budget?: number;
  /** SDK timeout, ms. Default 1500. */
  timeoutMs?: number;
  /** Max input chars. Default 24000. */
  maxInputChars?: number;
}

/** A real app (config file, SQLite with migrations, real SDKs) whose model and arXiv HTML point at local fakes. */
export function createLlmTestApp(options: LlmTestAppOptions): App & { cleanup(): void; logs: string[]; setNow(iso: string): void } {
  const dir = mkdtempSync(join(tmpdir(), "papers-llm-"));
  const config = {
    ...testConfig(join(dir, "papers.db")),
    log: { level: "debug" },
    llm: {
      provider: options.provider,
      ...(options.provider === "none" ? {} : { baseUrl: options.baseUrl, model: options.provider === "openai" ? "test-gpt" : "test-claude" }),
      timeoutMs: options.timeoutMs ?? 1500,
      maxRetries: 0,
      dailyRequestBudget: options.budget ?? 50,
      maxInputChars: options.maxInputChars ?? 24_000,
      fullText: options.htmlUrl ? { enabled: true, baseUrl: options.htmlUrl, timeoutMs: 1500 } : { enabled: false },
    },
  };
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config/papers.json"), JSON.stringify(config));
  const loaded = loadConfig({ LLM_API_KEY: TEST_API_KEY }, dir);
  const logs: string[] = [];
  let now = new Date("2026-08-04T09:00:00Z");
  const clock: Clock = { now: () => new Date(now.getTime()) };
  const app = createApp(loaded, { logger: createRecordingLogger(logs), clock, retries: 0 });
  return {
    ...app,
    logs,
    setNow: (iso) => {
      now = new Date(iso);
    },
    cleanup() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stored paper for the tests, from arXiv's API (so it has an abstract and a version). */
export function testPaper(id: string, abstract: string, title = `Paper ${id}`): PaperInput {
  return { id, source: "arxiv-api", title, abstract, version: 1, authors: ["Ada Lovelace", "Alan Turing"], categories: ["cs.CL"], publishedAt: "2026-08-01T00:00:00Z" };
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { testConfig } from "../helpers/test-app.js";
import { runEntry } from "../helpers/run-process.js";

describe(".env in the working directory", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-dotenv-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("fills what the environment leaves unset; the real environment wins", () => {
    writeFileSync(
      join(dir, ".env"),
      ['# papers-bot', "PAPERS_DB=from-dotenv.db", 'LOG_LEVEL="debug"', "DISCORD_TOKEN=dotenv-token", "PAPERS_HTTP_PORT=9464", "SLACK_BOT_TOKEN='xoxb-dotenv'"].join("\n"),
    );
    const loaded = loadConfig({ PAPERS_DB: "from-env.db", DISCORD_TOKEN: "env-token" }, dir);
    expect(loaded.config.database.path).toBe("from-env.db");
    expect(loaded.env.discordToken).toBe("env-token");
    expect(loaded.config.log.level).toBe("debug");
    expect(loaded.env.logLevelSet).toBe(true);
    expect(loaded.config.http.port).toBe(9464);
    expect(loaded.env.slackBotToken).toBe("xoxb-dotenv");
    expect(loaded.dotEnv).toEqual({ path: join(dir, ".env"), applied: ["LOG_LEVEL", "PAPERS_HTTP_PORT", "SLACK_BOT_TOKEN"] });
  });

  it("without a .env nothing changes, and the health server stays off", () => {
    const loaded = loadConfig({}, dir);
    expect(loaded.dotEnv).toBeNull();
    expect(loaded.config.http.port).toBeNull();
  });

  it("refuses a PAPERS_HTTP_PORT that is not a port, with the fix", () => {
    writeFileSync(join(dir, ".env"), "PAPERS_HTTP_PORT=http\n");
    expect(() => loadConfig({}, dir)).toThrow(/PAPERS_HTTP_PORT="http" is not a port; use a number from 1 to 65535/);
  });

  it("as a real process: the .env's names are logged, never its values", async () => {
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config/papers.json"), JSON.stringify({ ...testConfig(join(dir, "papers.db")), scheduler: { enabled: false } }));
    // Model keys that start nothing (provider none), plus a debug log.
    writeFileSync(join(dir, ".env"), "LLM_API_KEY=sk-dotenv-secret-value\nOPENAI_API_KEY=sk-openai-secret-value\nLOG_LEVEL=debug\n");
    const result = await runEntry("src/main.ts", [], { cwd: dir, input: "help\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("/papers today");
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/read \.env/);
    expect(output).toContain('"variables":["LLM_API_KEY","LOG_LEVEL","OPENAI_API_KEY"]');
    expect(output).not.toContain("secret-value");
    // A refusal about a secret names the variable, not its value.
    writeFileSync(join(dir, ".env"), "SLACK_SIGNING_SECRET=s3cr3t-signing-value\n");
    const refused = await runEntry("src/main.ts", [], { cwd: dir });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toMatch(/SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/);
    expect(refused.stdout + refused.stderr).not.toContain("s3cr3t-signing-value");
  });
});

describe(".env.example", () => {
  it("lists every variable loadConfig reads, each with a comment above it", () => {
    const dir = mkdtempSync(join(tmpdir(), "papers-env-example-"));
    try {
      mkdirSync(join(dir, "config"));
      const read = new Set<string>();
      const spy = new Proxy({} as NodeJS.ProcessEnv, { get: (_t, key) => (typeof key === "string" && read.add(key), undefined) });
      for (const llm of [{ provider: "none" }, { provider: "openai", model: "m", baseUrl: "http://127.0.0.1:9/v1" }, { provider: "anthropic", model: "m" }]) {
        writeFileSync(join(dir, "config/papers.json"), JSON.stringify({ llm }));
        try {
          loadConfig(spy, dir);
        } catch {
          // Anthropic without a key is refused; the names it looked for are recorded first.
        }
      }
      // npm_package_version is npm's, not the operator's.
      for (const name of read) if (name.startsWith("npm_")) read.delete(name);
      expect([...read].sort()).toEqual(["ANTHROPIC_API_KEY", "DATABASE_URL", "DISCORD_SHARDS", "DISCORD_SHARD_COUNT", "DISCORD_TOKEN", "EMBEDDINGS_API_KEY", "INSTANCE_ID", "LLM_API_KEY", "LOG_LEVEL", "OPENAI_API_KEY", "PAPERS_CONFIG", "PAPERS_DB", "PAPERS_HTTP_PORT", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_INSTALLATION_KEY", "SLACK_SIGNING_SECRET", "SLACK_STATE_SECRET"]);
      const lines = readFileSync(join(import.meta.dirname, "../../.env.example"), "utf8").split("\n");
      for (const name of read) {
        const at = lines.findIndex((l) => new RegExp(`^#? ?${name}=`).test(l));
        expect(at, `${name} in .env.example`).toBeGreaterThan(0);
        expect(lines[at - 1], `comment above ${name}`).toMatch(/^# /);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

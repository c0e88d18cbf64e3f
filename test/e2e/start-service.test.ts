import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandInteraction } from "../fakes/discord/gateway-payloads.js";
import { ROOT } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { until } from "../helpers/wait-until.js";


describe("the bot as a service: .env, PAPERS_HTTP_PORT, /healthz and /metrics in a real process", () => {
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "papers-service-"));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the token and the port from .env, reports Discord connected, counts a command, never logs the token", async () => {
    writeFileSync(join(dir, "papers.json"), JSON.stringify({ ...testConfig(join(dir, "papers.db")), discord: { apiBase: fake.apiBase }, scheduler: { enabled: false } }));
    writeFileSync(join(dir, ".env"), `PAPERS_CONFIG=${join(dir, "papers.json")}\nDISCORD_TOKEN=dotenv-discord-token-value\nPAPERS_HTTP_PORT=0\nLOG_LEVEL=info\n`);
    const child = spawn(process.execPath, ["--import", pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, join(ROOT, "src/main.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const url = await until("the server's address", () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1]);
      const health = await until("Discord connected", async () => {
        const res = await fetch(`${url}/healthz`);
        const body = (await res.json()) as { platforms: Record<string, { connected: boolean }> };
        return res.status === 200 && body.platforms.discord?.connected ? body : undefined;
      });
      expect(health).toMatchObject({ status: "ok", store: { reachable: true }, ingest: { hf: { lastSuccessAt: null }, "arxiv-rss": { lastSuccessAt: null } } });
      const guild = fake.guilds[0]!;
      const user = fake.addUser({ id: "2200000000000000001", username: "alice", bot: false });
      const payload = commandInteraction({ place: { guildId: guild.id, channelId: guild.channels[0]!.id }, user, applicationId: fake.applicationId, sub: "help" });
      fake.gateway.dispatch("INTERACTION_CREATE", payload);
      const metrics = await until("the command counted", async () => {
        const text = await (await fetch(`${url}/metrics`)).text();
        return /papers_commands_total\{command="help",outcome="ok"\} 1/.test(text) ? text : undefined;
      });
      expect(metrics).toMatch(/^papers_process_resident_memory_bytes \d+/m);
      expect(output).toMatch(/"variables":\["DISCORD_TOKEN","LOG_LEVEL","PAPERS_CONFIG","PAPERS_HTTP_PORT"\]/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).not.toContain("dotenv-discord-token-value");
  });
});

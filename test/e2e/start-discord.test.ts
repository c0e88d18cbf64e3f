import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandInteraction } from "../fakes/discord/gateway-payloads.js";
import { ROOT } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";
import { until } from "../helpers/wait-until.js";


describe("npm start with DISCORD_TOKEN, as a real process against a local Discord", () => {
  let fake: FakeDiscord;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "papers-discord-"));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs in, answers /papers help, and closes the database cleanly on SIGTERM", async () => {
    const config = { ...testConfig(join(dir, "papers.db")), discord: { apiBase: fake.apiBase }, scheduler: { enabled: false } };
    const configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify(config));
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PAPERS_CONFIG: configPath, DISCORD_TOKEN: "fake-token-for-tests", LOG_LEVEL: "info" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await until("IDENTIFY", () => fake.gateway.frames?.find((f: { op?: number }) => f.op === 2));
      await until("ready log", () => (stderr.includes("papers-bot is running") ? true : undefined));
      const guild = fake.guilds[0]!;
      const user = fake.addUser({ id: "2200000000000000001", username: "alice", bot: false });
      const payload = commandInteraction({ place: { guildId: guild.id, channelId: guild.channels[0]!.id }, user, applicationId: fake.applicationId, sub: "help" });
      fake.gateway.dispatch("INTERACTION_CREATE", payload);
      const callback = await until("interaction callback", () => fake.requests.find((r) => r.path.includes(`/${String(payload.token)}/callback`)));
      expect(JSON.stringify(callback.body)).toContain("/papers today");
      expect(stderr).not.toContain("fake-token-for-tests");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    // A clean close checkpoints the write-ahead log into the database and removes it;
    // a killed process would leave it behind.
    expect(existsSync(join(dir, "papers.db"))).toBe(true);
    expect(existsSync(join(dir, "papers.db-wal"))).toBe(false);
  });
});

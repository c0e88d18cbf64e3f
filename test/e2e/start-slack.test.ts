import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../fakes/slack/fake-slack.js";
import { slashCommand } from "../fakes/slack/slack-payloads.js";
import { ROOT } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";

describe("npm start with Slack tokens (Socket Mode), as a real process against a local Slack", () => {
  let fake: FakeSlack;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addChannel("C0PAPERS");
    fake.addUser("U0ALICE");
    dir = mkdtempSync(join(tmpdir(), "papers-slack-"));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects over Socket Mode, acks /papers help with the command list, and exits cleanly on SIGTERM", async () => {
    const config = { ...testConfig(join(dir, "papers.db")), slack: { apiUrl: fake.apiUrl, retries: 0 }, scheduler: { enabled: false } };
    const configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify(config));
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PAPERS_CONFIG: configPath, SLACK_BOT_TOKEN: "xoxb-test-bot-token", SLACK_APP_TOKEN: "xapp-test-app-token", LOG_LEVEL: "info" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await fake.whenConnected();
      const ack = await fake.push("slash_commands", slashCommand({ teamId: fake.teamId, channel: "C0PAPERS", user: "U0ALICE" }, "help", fake.responseUrl()));
      expect(JSON.stringify(ack.payload)).toContain("/papers today");
      expect(stderr).not.toMatch(/xoxb-test-bot-token|xapp-test-app-token/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, "papers.db-wal"))).toBe(false);
  });
});

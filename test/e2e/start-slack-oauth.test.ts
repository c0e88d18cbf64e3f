import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open-database.js";
import { createSqliteStores } from "../../src/db/create-sqlite-stores.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack/fake-slack.js";
import { formBody, signedPost, slashCommand } from "../fakes/slack/slack-payloads.js";
import { install, OAUTH } from "../adapters/slack/slack-oauth-harness.js";
import { SECRETS, waitFor } from "../adapters/slack/slack-harness.js";
import { ROOT, runEntry } from "../helpers/run-process.js";
import { testConfig } from "../helpers/test-app.js";

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("npm start with Slack OAuth settings, as a real process against a local Slack", () => {
  let fake: FakeSlack;
  let dir: string;
  const key = randomBytes(32).toString("base64");
  const oauthEnv = { SLACK_SIGNING_SECRET: SECRETS.signingSecret, SLACK_CLIENT_ID: OAUTH.clientId, SLACK_CLIENT_SECRET: OAUTH.clientSecret, SLACK_STATE_SECRET: OAUTH.stateSecret, SLACK_INSTALLATION_KEY: key };

  beforeAll(async () => {
    fake = await startFakeSlack({ clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret });
    fake.addChannel("C0LAB");
    dir = mkdtempSync(join(tmpdir(), "papers-slack-oauth-"));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["on slack.port", false],
    ["through the health server's port", true],
  ] as const)("serves /slack/install and /slack/oauth_redirect %s, answers a command from the installed workspace, keeps the install sealed, and exits cleanly", async (_where, shared) => {
    const port = await freePort();
    const team = shared ? "T0SHARED" : "T0LAB";
    const db = join(dir, `${team}.db`);
    const slack = { mode: "http", host: "127.0.0.1", port: shared ? 0 : port, apiUrl: fake.apiUrl, retries: 0 };
    const config = { ...testConfig(db), slack, scheduler: { enabled: false }, ...(shared ? { http: { port, host: "127.0.0.1" } } : {}) };
    const configPath = join(dir, "papers.json");
    writeFileSync(configPath, JSON.stringify(config));
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PAPERS_CONFIG: configPath, LOG_LEVEL: "info", ...oauthEnv },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const origin = `http://127.0.0.1:${port}`;
    try {
      await waitFor(() => fetch(`${origin}/slack/install`, { redirect: "manual" }).then((r) => r.status === 302, () => false), 20_000);
      const run = await install(origin, fake, team, { teamName: "The Lab" });
      expect(run.status).toBe(200);
      expect(run.page).toContain("installed in <strong>The Lab</strong>");
      const ack = await signedPost(`${origin}/slack/events`, formBody(slashCommand({ teamId: team, channel: "C0LAB", user: "U0ALICE" }, "help", fake.responseUrl())), "form", { secret: SECRETS.signingSecret });
      expect(ack.text).toContain("/papers today");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    const token = [...fake.workspaces.issued.values()].find((i) => i.teamId === team)!.token;
    expect(stderr).not.toContain(token);
    expect(stderr).not.toContain(OAUTH.clientSecret);
    expect(stderr).not.toContain(key);
    const open = openDatabase(db);
    try {
      const row = await createSqliteStores(open).installations.find(team);
      expect(row?.sealed).toMatch(/^v1:/);
      expect(row?.sealed).not.toContain(token);
    } finally {
      open.close();
    }
  });

  it("refuses a wrong-length SLACK_INSTALLATION_KEY at start in one line naming the setting and how to make one", async () => {
    const configPath = join(dir, "bad-key.json");
    writeFileSync(configPath, JSON.stringify({ ...testConfig(join(dir, "bad.db")), slack: { mode: "http", port: 0, apiUrl: fake.apiUrl }, scheduler: { enabled: false } }));
    const result = await runEntry("src/main.ts", [], { env: { PAPERS_CONFIG: configPath, ...oauthEnv, SLACK_INSTALLATION_KEY: randomBytes(16).toString("base64") } });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split("\n")).toEqual(["papers-bot: SLACK_INSTALLATION_KEY must be 32 bytes, base64 or hex (got 16 bytes): make one with `openssl rand -base64 32` and keep it: installs sealed with it cannot be read without it."]);
  });
});

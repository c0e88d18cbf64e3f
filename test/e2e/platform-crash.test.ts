import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultChannelSettings } from "../../src/core/digest/channel-settings-store.js";
import { createDigestApp } from "../core/digest/digest-setup.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/discord/fake-discord.js";
import { startFakeSlack, type FakeSlack } from "../fakes/slack/fake-slack.js";
import { ROOT } from "../helpers/run-process.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const DAY = "2026-06-12";
const PAPERS = 3;

/** One platform's fake, seen the same way by every kill point. */
interface Rig {
  platform: "discord" | "slack";
  api: string;
  conversations: string[];
  /** What identifies each message the bot posted in a conversation (one entry per message). */
  posted(conversation: string): string[];
  /** Messages created so far, all channels. */
  created(): number;
  /** The next post gets 429 with this Retry-After. */
  rateLimitNextPost(seconds: number): void;
  /** True once the fake has answered a 429. */
  answered429(): boolean;
  /** The post creating the n-th message from now is created and never answered. */
  stallAfterCreateAt(n: number): void;
  /** History reads are never answered. */
  stallReadBack(on: boolean): void;
  /** True once a history read arrived. */
  readBackStarted(): boolean;
  close(): Promise<void>;
}

async function discordRig(): Promise<Rig> {
  const fake: FakeDiscord = await startFakeDiscord({ guilds: [{ name: "Research", channels: ["one", "two"] }] });
  const guild = fake.guilds[0]!;
  const channelOf = (conversation: string) => conversation.split(":")[2]!;
  return {
    platform: "discord",
    api: fake.apiBase,
    conversations: guild.channels.map((c) => `discord:${guild.id}:${c.id}`),
    posted: (conversation) => fake.messagesIn(channelOf(conversation)).map((m) => JSON.stringify([m.body.content ?? "", (m.body.embeds as { title?: string }[] | undefined)?.[0]?.title ?? ""])),
    created: () => [...fake.messages.values()].filter((m) => m.author.id === fake.bot.id).length,
    rateLimitNextPost: (seconds) => fake.rateLimit("POST", /^\/channels\/\d+\/messages$/, seconds, 1),
    answered429: () => fake.requests.some((r) => r.status === 429),
    stallAfterCreateAt: (n) => void (fake.switches.stallAfterCreateAt = n),
    stallReadBack: (on) => void (fake.switches.stallReadBack = on),
    readBackStarted: () => fake.requests.some((r) => r.method === "GET" && /^\/channels\/\d+\/messages$/.test(r.path)),
    close: () => fake.close(),
  };
}

async function slackRig(): Promise<Rig> {
  const fake: FakeSlack = await startFakeSlack();
  for (const id of ["C0ONE", "C0TWO"]) fake.addChannel(id);
  return {
    platform: "slack",
    api: fake.apiUrl,
    conversations: ["slack:T0001:C0ONE", "slack:T0001:C0TWO"],
    posted: (conversation) => [...fake.messages.values()].filter((m) => m.channel === conversation.split(":")[2]).map((m) => String(m.metadata?.event_payload.key ?? `no metadata: ${m.text}`)),
    created: () => fake.messages.size,
    rateLimitNextPost: (seconds) => fake.script("chat.postMessage", { status: 429, retryAfter: seconds }),
    answered429: () => fake.callsTo("chat.postMessage").length > 0 && fake.rate.limited + fake.callsTo("chat.postMessage").length > fake.messages.size,
    stallAfterCreateAt: (n) => void (fake.switches.stallAfterCreateAt = fake.messages.size + n),
    stallReadBack: (on) => void (fake.switches.stallReadBack = on),
    readBackStarted: () => fake.callsTo("conversations.history").length + fake.callsTo("conversations.replies").length > 0,
    close: () => fake.close(),
  };
}

interface Child {
  proc: ChildProcess;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(app: App, rig: Rig, extra: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/e2e/platform-child.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CHILD_DB: app.config.database.path, CHILD_PLATFORM: rig.platform, CHILD_API: rig.api, CHILD_CHANNELS: rig.conversations.join(","), CHILD_DAY: DAY, CHILD_LEASE_MS: "800", ...extra },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  if (process.env.CHILD_DEBUG) proc.stderr!.on("data", (d: Buffer) => process.stderr.write(d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("close", (code, signal) => resolve({ code, signal })));
  void exited.then(({ code }) => {
    if (code !== 0 && code !== null) process.stderr.write(`platform child failed: ${stderr}\n`);
  });
  return { proc, stdout: () => stdout, exited };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function kill(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  expect((await child.exited).signal).toBe("SIGKILL");
}

/** Restarts delivery to the end and checks every channel has the header and every paper exactly once. */
async function restartAndCheck(app: App, rig: Rig): Promise<void> {
  const last = startChild(app, rig);
  expect((await last.exited).code).toBe(0);
  for (const conversation of rig.conversations) {
    // A channel the kill did not touch may have finished in the first process.
    expect([`outcome ${conversation} {"kind":"sent","papers":${PAPERS}}`, `outcome ${conversation} {"kind":"already-done"}`].some((line) => last.stdout().includes(line))).toBe(true);
    expect((await app.ports.ledger.run(conversation, DAY).get())?.status).toBe("sent");
    const posted = rig.posted(conversation);
    expect(posted).toHaveLength(1 + PAPERS);
    expect(new Set(posted).size).toBe(posted.length);
    const items = await app.ports.ledger.run(conversation, DAY).items();
    expect(items.map((i) => i.status)).toEqual(Array(1 + PAPERS).fill("sent"));
  }
}

for (const makeRig of [discordRig, slackRig]) {
  describe(`exactly once across SIGKILL at each point of a send (${makeRig === discordRig ? "Discord" : "Slack"})`, () => {
    let app: App;
    let rig: Rig;
    beforeEach(async () => {
      app = await createDigestApp();
      rig = await makeRig();
      for (const conversation of rig.conversations) {
        await app.ports.channelSettings.put({ ...defaultChannelSettings(conversation, rig.platform, conversation.split(":")[1]!, "2026-08-01T00:00:00Z"), maxPapers: PAPERS });
      }
    });
    afterEach(async () => {
      await rig.close();
      app.cleanup();
    });

    it("killed before the request leaves (claimed, nothing sent)", async () => {
      const first = startChild(app, rig, { CHILD_PAUSE_BEFORE: "3" });
      await waitFor(() => first.stdout().includes("before "), "the pause before the 3rd request");
      await kill(first);
      await restartAndCheck(app, rig);
    }, 40_000);

    it("killed while waiting out a 429 (retry-after 10 s): the item is sent after the restart", async () => {
      rig.rateLimitNextPost(10);
      const first = startChild(app, rig);
      await waitFor(() => rig.answered429(), "a 429");
      await new Promise((r) => setTimeout(r, 300));
      await kill(first);
      await restartAndCheck(app, rig);
    }, 40_000);

    it("killed after the platform created the message, before the reference was recorded", async () => {
      rig.stallAfterCreateAt(3);
      const first = startChild(app, rig);
      await waitFor(() => rig.created() >= 3, "the 3rd message");
      await new Promise((r) => setTimeout(r, 200));
      await kill(first);
      await restartAndCheck(app, rig);
    }, 40_000);

    it("killed again during the read-back of the in-doubt message", async () => {
      rig.stallAfterCreateAt(3);
      const first = startChild(app, rig);
      await waitFor(() => rig.created() >= 3, "the 3rd message");
      await new Promise((r) => setTimeout(r, 200));
      await kill(first);
      rig.stallReadBack(true);
      const second = startChild(app, rig);
      await waitFor(() => rig.readBackStarted(), "the read-back");
      await kill(second);
      rig.stallReadBack(false);
      await restartAndCheck(app, rig);
    }, 40_000);
  });
}

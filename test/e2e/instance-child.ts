// One bot instance for the many-instances tests: the real app on the store DATABASE_URL
// names (openApp, with start-up retries), the real scheduler (buildScheduler: owner =
// INSTANCE_ID, leases from the config file), posting through a recording platform that
// appends every accepted message to the shared file CHILD_OUT (the "channel history" all
// instances read back when a send's outcome is in doubt, as a real platform would answer).
// Its clock runs in real time from CHILD_EPOCH (ISO) at CHILD_BASE (epoch ms), the same for
// every instance. It ticks every CHILD_TICK_MS besides the cron minute, answers
// `<conversation> <command text>` lines on stdin with `reply <json>` on stdout, and stops on
// SIGTERM. The log (JSON lines) goes to stderr.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { buildScheduler, openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { LookUpRequest, LookUpResult } from "../../src/core/chat/chat-adapter.js";
import { createLogger } from "../../src/create-logger.js";
import { isBotError } from "../../src/core/errors.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** One line of the shared record. */
interface Posted {
  instance: string;
  conversation: string;
  item: string;
  dedupeKey: string | undefined;
  ref: string;
  at: number;
}

const loaded = loadConfig(process.env, process.cwd());
const logger = createLogger({ level: loaded.config.log.level, pretty: false });
const epoch = Date.parse(env("CHILD_EPOCH"));
const base = Number(env("CHILD_BASE"));
const clock = { now: () => new Date(epoch + (Date.now() - base)) };
const out = env("CHILD_OUT");
const instance = loaded.config.instance.id ?? "";

let app;
try {
  app = await openApp(loaded, { logger, clock, connectRetryMs: loaded.config.database.connectRetrySeconds * 1000 });
} catch (err) {
  process.stderr.write(`instance-child: ${isBotError(err) ? err.message : String(err)}\n`);
  process.exit(78);
}
const started = app;

const posted = (): Posted[] => (existsSync(out) ? readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Posted) : []);
const fake = createFakeChatAdapter({
  platform: "discord",
  limits: null,
  latencyMs: Number(process.env.CHILD_LATENCY_MS ?? 0),
  onAccept(send) {
    const paper = send.message.blocks.find((b) => b.kind === "paper");
    const item = paper?.kind === "paper" ? `paper:${paper.paper.id}` : send.message.blocks[0]?.kind === "header" ? "header" : "notice";
    const line: Posted = { instance, conversation: send.conversation, item, dedupeKey: send.dedupeKey, ref: send.ref, at: Date.now() };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  },
});
const platform = {
  ...fake,
  async lookUp(request: LookUpRequest): Promise<LookUpResult> {
    const hit = posted().find((p) => p.conversation === request.conversation && p.dedupeKey === request.dedupeKey);
    return hit ? { kind: "found", ref: hit.ref } : { kind: "absent" };
  },
};

const scheduler = buildScheduler(started, [platform]);
scheduler.start();
const ticking = setInterval(() => void scheduler.tick(clock.now()), Number(process.env.CHILD_TICK_MS ?? 250));

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const space = line.indexOf(" ");
  const conversation = line.slice(0, space);
  const text = line.slice(space + 1).trim();
  const name = text.split(" ")[0] ?? "help";
  void started.core
    .handle({
      kind: "command",
      name,
      text: text.slice(name.length).trim(),
      platform: "discord",
      workspace: "G1",
      conversation,
      raw: null,
      actor: { id: "tester", canManageChannel: async () => true },
    })
    .then((reply) => process.stdout.write(`reply ${JSON.stringify(reply?.fallbackText ?? null)}\n`));
});

process.on("SIGTERM", () => {
  clearInterval(ticking);
  lines.close();
  void scheduler
    .stop()
    .then(() => started.close())
    .then(() => process.exit(0));
});
process.stdout.write(`ready ${instance}\n`);

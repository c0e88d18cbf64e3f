// A delivery process for the crash tests: delivers one digest to a slow fake platform that
// appends every accepted message to a file, prints `accepted <item>` as it goes, and on
// SIGTERM stops after the message in flight. Configured by env: DELIVERY_DB, DELIVERY_OUT,
// DELIVERY_CHANNEL, DELIVERY_DAY, DELIVERY_LEASE_MS, DELIVERY_LATENCY_MS.
import { appendFileSync } from "node:fs";
import { loadConfig } from "../../src/config.js";
import { deliverDigest, type DigestOutcome } from "../../src/core/digest/deliver-digest.js";
import { createSilentLogger } from "../../src/core/logger.js";
import { createApp } from "../../src/app.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const loaded = loadConfig({}, process.cwd());
loaded.config.database.path = env("DELIVERY_DB");
const app = createApp(loaded, { logger: createSilentLogger() });
const out = env("DELIVERY_OUT");
const fake = createFakeChatAdapter({
  limits: null,
  latencyMs: Number(env("DELIVERY_LATENCY_MS")),
  onAccept(send) {
    const paper = send.message.blocks.find((b) => b.kind === "paper");
    const item = paper?.kind === "paper" ? `paper:${paper.paper.id}` : send.message.blocks[0]?.kind === "header" ? "header" : "notice";
    appendFileSync(out, `${JSON.stringify({ pid: process.pid, item, ref: send.ref })}\n`);
    process.stdout.write(`accepted ${item}\n`);
  },
});
const controller = new AbortController();
process.on("SIGTERM", () => controller.abort());

let outcome: DigestOutcome = { kind: "busy" };
const deadline = Date.now() + 15_000;
while (Date.now() < deadline) {
  outcome = await deliverDigest(
    app.ports,
    fake,
    { conversation: env("DELIVERY_CHANNEL"), platform: "discord", digestDay: env("DELIVERY_DAY"), scheduledFor: null, late: false, owner: `child-${process.pid}`, cutoff: null },
    undefined,
    { signal: controller.signal, leaseMs: Number(env("DELIVERY_LEASE_MS")) },
  );
  if (outcome.kind !== "busy" || controller.signal.aborted) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write(`outcome ${JSON.stringify(outcome)}\n`);
app.close();

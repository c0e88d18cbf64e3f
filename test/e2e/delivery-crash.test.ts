import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-process.js";
import { CHANNEL, createDigestApp, putSettings } from "../core/digest/digest-setup.js";

type App = Awaited<ReturnType<typeof createDigestApp>>;
const DAY = "2026-06-12";

/** A running delivery child, with its stdout so far and a promise of its exit. */
interface Child {
  proc: ChildProcess;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(app: App, out: string): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/e2e/delivery-child.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DELIVERY_DB: app.config.database.path,
      DELIVERY_OUT: out,
      DELIVERY_CHANNEL: CHANNEL,
      DELIVERY_DAY: DAY,
      DELIVERY_LEASE_MS: "1500",
      DELIVERY_LATENCY_MS: "300",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("close", (code, signal) => resolve({ code, signal })));
  void exited.then(({ code }) => {
    if (code !== 0 && code !== null) process.stderr.write(`delivery child failed: ${stderr}\n`);
  });
  return { proc, stdout: () => stdout, exited };
}

async function waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting for the child");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const accepted = (text: string) => text.split("\n").filter((l) => l.startsWith("accepted ")).length;
const postedItems = (out: string): string[] => (existsSync(out) ? readFileSync(out, "utf8").trim().split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { item: string }).item) : []);

describe("exactly once across a killed delivery process", () => {
  let app: App;
  beforeEach(async () => {
    app = await createDigestApp();
    await putSettings(app, { maxPapers: 8 });
  });
  afterEach(() => app.cleanup());

  it("SIGKILL mid-digest on a platform that cannot read back (no lookUp), restart: nothing is posted twice, the in-doubt message is not re-sent (at most once), the rest goes out", async () => {
    const out = join(app.dir, "posted.jsonl");
    const first = startChild(app, out);
    await waitFor(() => accepted(first.stdout()) >= 3);
    first.proc.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const beforeRestart = await app.ports.ledger.run(CHANNEL, DAY).items();
    expect(beforeRestart.filter((i) => i.status === "sending").length).toBeLessThanOrEqual(1);

    const second = startChild(app, out);
    expect((await second.exited).code).toBe(0);
    expect(second.stdout()).toMatch(/outcome \{"kind":"sent","papers":[78]\}/);

    const posted = postedItems(out);
    expect(new Set(posted).size).toBe(posted.length);
    const items = await app.ports.ledger.run(CHANNEL, DAY).items();
    expect(items).toHaveLength(9);
    const inDoubt = items.filter((i) => i.status === "sending");
    expect(inDoubt.length).toBeLessThanOrEqual(1);
    for (const item of items.filter((i) => i.status === "sent")) expect(posted).toContain(item.itemKey);
    expect(posted.length).toBeGreaterThanOrEqual(8);
    expect(posted[0]).toBe("header");
    expect((await app.ports.ledger.run(CHANNEL, DAY).get())?.status).toBe("sent");
  }, 40_000);

  it("SIGTERM mid-digest: the message in flight finishes, the ledger stays consistent, the rest goes out after restart", async () => {
    const out = join(app.dir, "posted.jsonl");
    const first = startChild(app, out);
    await waitFor(() => accepted(first.stdout()) >= 3);
    first.proc.kill("SIGTERM");
    const exit = await first.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.stdout()).toMatch(/outcome \{"kind":"stopped","papers":2\}/);
    const afterStop = await app.ports.ledger.run(CHANNEL, DAY).items();
    expect(afterStop.map((i) => i.status)).toEqual(["sent", "sent", "sent"]);
    expect(postedItems(out)).toEqual(afterStop.map((i) => i.itemKey));

    const startedAt = Date.now();
    const second = startChild(app, out);
    expect((await second.exited).code).toBe(0);
    expect(second.stdout()).toMatch(/outcome \{"kind":"sent","papers":8\}/);
    expect(Date.now() - startedAt).toBeLessThan(12_000); // the stopped run released its lease: no wait for it to lapse
    const posted = postedItems(out);
    expect(posted).toHaveLength(9);
    expect(new Set(posted).size).toBe(9);
    expect((await app.ports.ledger.run(CHANNEL, DAY).items()).every((i) => i.status === "sent")).toBe(true);
  }, 40_000);

  it("two processes running the same digest at once: one post", async () => {
    const out = join(app.dir, "posted.jsonl");
    const [a, b] = [startChild(app, out), startChild(app, out)];
    const exits = await Promise.all([a.exited, b.exited]);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const outcomes = [a, b].map((c) => /outcome (.*)/.exec(c.stdout())?.[1]).sort();
    expect(outcomes).toEqual(['{"kind":"already-done"}', '{"kind":"sent","papers":8}']);
    const posted = postedItems(out);
    expect(posted).toHaveLength(9);
    expect(new Set(posted).size).toBe(9);
  }, 40_000);
});

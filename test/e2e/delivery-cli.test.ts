import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerDeliverCommand, type WithApp } from "../../src/cli/deliver-command.js";
import type { App } from "../../src/app.js";
import { createDigestApp, deliveryTables, putSettings } from "../core/digest/digest-setup.js";

type TestApp = Awaited<ReturnType<typeof createDigestApp>>;

/** Runs `papers deliver ...` against the test app, as cli.ts would wire it; returns stdout. */
async function deliver(app: TestApp, args: string[]): Promise<string> {
  const withApp: WithApp = (fn) => async (...args) => fn(app as App, ...args);
  const program = new Command("papers").exitOverride();
  registerDeliverCommand(program, withApp);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    await program.parseAsync(["node", "papers", "deliver", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe("papers deliver", () => {
  let app: TestApp;
  beforeEach(async () => (app = await createDigestApp()));
  afterEach(() => {
    process.exitCode = undefined;
    app.cleanup();
  });

  it("--dry-run prints what would be posted to any channel and changes nothing", async () => {
    await putSettings(app, { maxPapers: 2 });
    const before = deliveryTables(app);
    const out = await deliver(app, ["--dry-run", "--date", "2026-07-31"]);
    expect(out).toMatch(/── discord:G1:C1 · 2026-07-31 · dry run\n== Papers for 2026-07-31 ==\n\(2 papers · from Hugging Face Daily Papers 2026-07-31\)/);
    expect(out).toMatch(/ 1\. β-OPSD[\s\S]*\[Summary\] \[Upvote\][\s\S]* 2\. Σ-Mem/);
    expect(out).toMatch(/dry run: 3 messages would be posted; nothing was posted or recorded/);
    expect(deliveryTables(app)).toEqual(before);
  });

  it("posts a shell channel's digest once, and refuses to fake a post to a platform it has no adapter for", async () => {
    const shell = app.config.shell.conversation;
    await putSettings(app, { platform: "shell", maxPapers: 3 }, shell);
    await putSettings(app);
    const out = await deliver(app, ["--date", "2026-07-31"]);
    expect(out).toMatch(new RegExp(`── ${shell} · 2026-07-31\\n== Papers for 2026-07-31 ==[\\s\\S]*posted 3 papers`));
    expect(out).toMatch(/── discord:G1:C1 · 2026-07-31\nno-adapter: the CLI cannot post to discord/);
    expect(await app.ports.ledger.run(shell, "2026-07-31").get()).toMatchObject({ status: "sent", papersSent: 3 });
    expect(await app.ports.ledger.run("discord:G1:C1", "2026-07-31").get()).toBeNull();
    const again = JSON.parse(await deliver(app, ["--date", "2026-07-31", "--channel", shell, "--json"])) as { outcome: { kind: string } }[];
    expect(again.map((r) => r.outcome.kind)).toEqual(["already-done"]);
  });

  it("rejects a malformed date", async () => {
    await expect(deliver(app, ["--date", "2026-02-30"])).rejects.toThrow(/YYYY-MM-DD/);
  });
});

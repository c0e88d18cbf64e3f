import { join } from "node:path";
import { startShellDriver } from "../contract/shell-driver.js";
import { runAdapterContract } from "../contract/run-contract.js";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { createShellAdapter } from "../../../src/adapters/shell/shell-adapter.js";
import { renderText } from "../../../src/adapters/shell/render-text.js";
import type { CommandEvent, InboundEvent } from "../../../src/core/chat/message.js";
import { HOSTILE, ingestHostilePaper } from "../../helpers/hostile-paper.js";
import { createTestApp, say } from "../../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Runs the shell over piped input (not a terminal) and returns everything it printed. */
async function transcript(app: ReturnType<typeof createTestApp>, lines: string[], width?: number): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const shell = createShellAdapter({ input, output, interactive: false, conversation: "shell:local:test", user: "alice", commands: app.core.commands.map((c) => c.name), ...(width ? { width } : {}) });
  await shell.start(app.core);
  input.end(lines.map((l) => `${l}\n`).join(""));
  await shell.finished;
  return printed;
}

describe("shell adapter: a transcript", () => {
  let app: ReturnType<typeof createTestApp>;
  beforeEach(async () => {
    app = createTestApp({ now: "2026-08-04T09:00:00Z" });
    for (const f of ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"]) await ingestFile(app.core.ingests, join(FIXTURES, f));
  });
  afterEach(() => app.cleanup());

  it("wraps long lines at word boundaries at 80 columns when not a terminal, keeping every word whole and indented", async () => {
    const printed = await transcript(app, ["today"]);
    const unwrapped = renderText(await say(app, "today"));
    expect(unwrapped.split("\n").some((l) => l.length > 80)).toBe(true); // the listing has long summary lines to wrap
    expect(words(printed)).toEqual(words(unwrapped));
    for (const line of printed.trimEnd().split("\n")) expect([...line].length <= 80 || words(line).length === 1, line).toBe(true);
    const longIndented = unwrapped.split("\n").filter((l) => l.startsWith("    ") && l.length > 80);
    expect(longIndented.length).toBeGreaterThan(0);
    for (const line of longIndented) {
      const start = printed.indexOf(line.slice(0, 40));
      const pieces = printed.slice(start).split("\n").slice(0, Math.ceil(line.length / 80) + 1);
      expect(pieces[0]!.length).toBeLessThanOrEqual(80);
      expect(pieces[1]!.startsWith("    ") && !pieces[1]!.startsWith("     "), pieces[1]).toBe(true);
    }
  });

  it("wraps at the width it is given (a terminal's columns)", async () => {
    const printed = await transcript(app, ["today"], 50);
    for (const line of printed.trimEnd().split("\n")) expect([...line].length <= 50 || words(line).length === 1, line).toBe(true);
    expect(printed.split("\n").length).toBeGreaterThan((await transcript(app, ["today"])).split("\n").length);
  });

  it("prints an untrusted title without bidi controls, otherwise as written", async () => {
    await ingestHostilePaper(app.core.ingests, app.dir);
    const printed = await transcript(app, ["today"], 200);
    expect(printed).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(printed).toContain(HOSTILE.shownTitle);
    expect(printed).toContain(HOSTILE.summary);
  });

  it("completes command names with Tab in a terminal, through readline", async () => {
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { columns: 80, isTTY: true });
    output.resume();
    const seen: CommandEvent[] = [];
    const shell = createShellAdapter({ input, output, interactive: true, conversation: "shell:local:test", user: "alice", commands: app.core.commands.map((c) => c.name) });
    await shell.start({
      ...app.core,
      async handle(event: InboundEvent) {
        if (event.kind === "command") seen.push(event);
        return { blocks: [{ kind: "text", text: "ok" }], fallbackText: "ok" };
      },
    });
    const type = async (keys: string) => {
      input.write(keys);
      await new Promise((r) => setTimeout(r, 30)); // readline completes asynchronously
    };
    await type("sett");
    await type("\t");
    await type("\r");
    await type("/papers sea");
    await type("\t");
    await type("agents\r"); // the completion added the space
    await type("exit\r");
    await shell.finished;
    expect(seen.map((e) => [e.name, e.text])).toEqual([["settings", ""], ["search", "agents"]]);
  });
});

runAdapterContract("the shell (readline over piped streams)", startShellDriver);

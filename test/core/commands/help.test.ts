import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledSample } from "../../../src/cli/ingest-file.js";
import { COMMAND_EXAMPLES } from "../../../src/core/commands/help.js";
import { createCommandRegistry } from "../../../src/core/commands/index.js";
import { parseCommandText } from "../../../src/core/commands/parse-command-text.js";
import { createTestApp, say } from "../../helpers/test-app.js";

describe("/papers help <command>", () => {
  const registry = createCommandRegistry();
  let app: ReturnType<typeof createTestApp>;
  beforeAll(async () => {
    app = createTestApp({ now: "2026-08-04T09:00:00Z" });
    await loadBundledSample(app.core.ingests);
  });
  afterAll(() => app.cleanup());

  it("help today gives that command's usage, description, options and examples", async () => {
    const reply = await say(app, "help today");
    expect(reply.ephemeral).toBe(true);
    expect(reply.failure).toBeUndefined();
    expect(reply.blocks[0]).toEqual({ kind: "header", text: "/papers today" });
    const today = registry.find("today")!;
    expect(reply.fallbackText.split("\n")).toEqual([
      "Usage: /papers today [date] [topic]",
      today.description,
      "Options:",
      `  date (optional): ${today.options[0]!.description}`,
      `  topic (optional): ${today.options[1]!.description}`,
      "Examples:",
      ...COMMAND_EXAMPLES.today!.map((e) => `  /papers ${e}`),
    ]);
  });

  it.each(["help TODAY", "help /papers today", "help /today", "help papers today"])("%s is the same as help today", async (line) => {
    expect((await say(app, line)).fallbackText).toBe((await say(app, "help today")).fallbackText);
  });

  it("help of a command with choices lists them", async () => {
    expect((await say(app, "help top")).fallbackText).toContain("  period (optional): week or month — one of week, month");
  });

  it("help nosuch says there is no such command and lists them", async () => {
    const reply = await say(app, "help nosuch");
    expect(reply.ephemeral).toBe(true);
    expect(reply.failure).toBe("UNKNOWN_COMMAND");
    expect(reply.fallbackText).toBe(`There is no /papers nosuch command. The commands are: ${registry.all.map((c) => c.name).join(", ")}. Try /papers help today.`);
  });

  it("plain help still lists every command and says how to get one explained", async () => {
    const reply = await say(app, "help");
    for (const c of registry.all) expect(reply.fallbackText).toContain(`/papers ${c.name}`);
    expect(reply.blocks.at(-1)).toMatchObject({ kind: "context", text: expect.stringContaining("/papers help <command>") });
  });

  it("every command has examples, and each parses with the command's own options and schema", () => {
    for (const command of registry.all) {
      const examples = COMMAND_EXAMPLES[command.name];
      expect(examples?.length, command.name).toBeGreaterThan(0);
      for (const example of examples!) {
        expect(example.split(" ")[0], example).toBe(command.name);
        const raw = parseCommandText(command.options, example.slice(command.name.length));
        expect(raw._extra, example).toBeUndefined();
        expect(command.args.safeParse(raw).success, example).toBe(true);
      }
    }
    expect(Object.keys(COMMAND_EXAMPLES).sort()).toEqual(registry.all.map((c) => c.name).sort());
  });

  it("every example runs on the bundled offline sample without being refused (forget: refused until a topic has learned the term)", async () => {
    for (const command of registry.all) {
      for (const example of COMMAND_EXAMPLES[command.name]!) {
        const reply = await say(app, example);
        if (command.name === "forget") {
          expect(reply.failure, `${example}: ${reply.fallbackText}`).toBe("NOT_FOUND");
          continue;
        }
        expect(reply.failure, `${example}: ${reply.fallbackText}`).toBeUndefined();
      }
    }
  });
});

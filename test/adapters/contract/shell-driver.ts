import { join } from "node:path";
import { PassThrough } from "node:stream";
import { createShellAdapter } from "../../../src/adapters/shell/shell-adapter.js";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import { createTestApp } from "../../helpers/test-app.js";
import { plainText, type ContractDriver } from "./run-contract.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures");
const FILES = ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"];

/** The contract driver for the shell: the real shell adapter over piped streams, as `npm start` runs it without a terminal. */
export async function startShellDriver(): Promise<ContractDriver> {
  const app = createTestApp({ now: "2026-08-04T09:00:00Z" });
  for (const file of FILES) await ingestFile(app.core.ingests, join(FIXTURES, file));
  const conversation = "shell:local:contract";
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  const shell = createShellAdapter({ input, output, interactive: false, conversation, user: "alice", commands: app.core.commands.map((c) => c.name) });
  let sends = 0;
  let answered: (() => void) | null = null;
  await shell.start({
    ...app.core,
    async handle(event) {
      const reply = await app.core.handle(event);
      // The shell prints the reply right after this returns; the driver reads it on the next turn.
      setImmediate(() => answered?.());
      return reply;
    },
  });
  return {
    app,
    conversation,
    adapter: {
      platform: shell.platform,
      limits: shell.limits,
      send: (to, message, options) => {
        sends += 1;
        return shell.send(to, message, options);
      },
    },
    capabilities: { buttons: false, reactions: false },
    async command(name, options) {
      const before = printed.length;
      const done = new Promise<void>((resolve) => (answered = resolve));
      input.write(`${[name, ...options.map(([, value]) => value)].join(" ")}\n`);
      await done;
      return { text: plainText(printed.slice(before)), ephemeral: null };
    },
    press: () => Promise.reject(new Error("the shell has no buttons")),
    react: () => Promise.reject(new Error("the shell has no reactions")),
    posted: () => sends,
    async close() {
      input.end();
      await shell.stop();
      await shell.finished;
      app.cleanup();
    },
  };
}

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("instance id", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-instance-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("defaults to <hostname>-<pid>, so processes on one machine differ", () => {
    expect(loadConfig({}, dir).config.instance.id).toBe(`${hostname()}-${process.pid}`);
  });

  it("takes INSTANCE_ID over the config file", () => {
    writeFileSync(join(dir, "papers.json"), JSON.stringify({ instance: { id: "from-file" } }));
    expect(loadConfig({ PAPERS_CONFIG: "papers.json" }, dir).config.instance.id).toBe("from-file");
    expect(loadConfig({ PAPERS_CONFIG: "papers.json", INSTANCE_ID: " bot-2 " }, dir).config.instance.id).toBe("bot-2");
  });

  it("refuses an INSTANCE_ID that is not a name, saying what to use", () => {
    expect(() => loadConfig({ INSTANCE_ID: "bot 1; drop" }, dir)).toThrow(/INSTANCE_ID="bot 1; drop" is not an instance name; use up to 100 letters/);
    expect(() => loadConfig({ INSTANCE_ID: "x".repeat(101) }, dir)).toThrow(/INSTANCE_ID=/);
  });

  it("refuses a bad instance.id in the config file, naming the key", () => {
    writeFileSync(join(dir, "papers.json"), JSON.stringify({ instance: { id: "a b" } }));
    expect(() => loadConfig({ PAPERS_CONFIG: "papers.json" }, dir)).toThrow(/"instance.id": use letters, digits/);
  });
});

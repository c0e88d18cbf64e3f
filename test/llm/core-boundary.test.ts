import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const LLM_PACKAGES = /from\s+["'](openai|@anthropic-ai\/[^"']+|node-html-parser)["']/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("LLM boundary", () => {
  it("keeps the LLM SDKs and the HTML parser out of src/core (they live in src/llm)", () => {
    const offenders = filesUnder(join(ROOT, "src/core")).filter((file) => LLM_PACKAGES.test(readFileSync(file, "utf8"))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
    expect(filesUnder(join(ROOT, "src/llm")).some((file) => LLM_PACKAGES.test(readFileSync(file, "utf8")))).toBe(true);
  });
});

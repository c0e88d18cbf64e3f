import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Relative import specifiers of a source file, resolved to paths under the repository root (`src/core/chat/message.ts`). */
function localImports(file: string, source = readFileSync(file, "utf8")): string[] {
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith(".")) specs.push(relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, ".ts"));
  }
  return specs;
}

/** `file imports target` for every import of `files` that `forbidden` matches. */
function offenders(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) => localImports(file).filter(forbidden).map((target) => `${relative(ROOT, file)} imports ${target}`));
}

/** The store and ledger ports: adapters must never reach them (they talk to the core facade). */
const STORE_PORT = /^src\/core\/.*(-store|delivery-ledger|processed-events|summary-cache)\.ts$/;
/** Core folders below commands, in the order layers import downward. */
const LOWER = ["chat", "papers", "topics", "votes", "summaries", "digest"];

describe("layering", () => {
  const adapters = filesUnder(join(SRC, "adapters"));
  const lower = LOWER.flatMap((folder) => filesUnder(join(SRC, "core", folder)));
  const chat = filesUnder(join(SRC, "core/chat"));
  const everything = [...filesUnder(SRC), ...filesUnder(join(ROOT, "test")), ...filesUnder(join(ROOT, "bench"))];

  it("finds the files it checks (so the checks below are not vacuous)", () => {
    expect(adapters.length).toBeGreaterThan(20);
    expect(lower.length).toBeGreaterThan(40);
    expect(chat.length).toBeGreaterThan(3);
  });

  it("adapters import neither src/db nor the store ports", () => {
    expect(offenders(adapters, (t) => t.startsWith("src/db/") || STORE_PORT.test(t))).toEqual([]);
  });

  it("adapters reach the core only through core/chat (the adapter port and message model), the logger and errors", () => {
    expect(offenders(adapters, (t) => t.startsWith("src/core/") && !t.startsWith("src/core/chat/") && t !== "src/core/logger.ts" && t !== "src/core/errors.ts")).toEqual([]);
  });

  it("chat, papers, topics, votes, summaries and digest never import core/commands", () => {
    expect(offenders(lower, (t) => t.startsWith("src/core/commands/"))).toEqual([]);
  });

  it("core/chat, at the bottom, imports nothing from topics, votes, summaries, digest or commands", () => {
    expect(offenders(chat, (t) => /^src\/core\/(topics|votes|summaries|digest|commands)\//.test(t))).toEqual([]);
  });

  it("nothing imports the process runner (src/main.ts); the composition root is src/app.ts", () => {
    expect(offenders(everything, (t) => t === "src/main.ts")).toEqual([]);
  });

  it("only src/config.ts reads process.env (secrets and overrides arrive as LoadedConfig.env)", () => {
    const readers = filesUnder(SRC).filter((file) => /process\.env\b/.test(readFileSync(file, "utf8"))).map((file) => relative(ROOT, file));
    expect(readers).toEqual(["src/config.ts"]);
  });

  it("detects each kind of forbidden import (the checks themselves work)", () => {
    const file = join(SRC, "adapters/discord/example.ts");
    const imports = localImports(file, 'import { x } from "../../db/open-database.js";\nimport type { P } from "../../core/papers/paper-store.js";\nimport { m } from "../../main.js";');
    expect(imports).toEqual(["src/db/open-database.ts", "src/core/papers/paper-store.ts", "src/main.ts"]);
    expect(imports.filter((t) => t.startsWith("src/db/") || STORE_PORT.test(t))).toHaveLength(2);
  });
});

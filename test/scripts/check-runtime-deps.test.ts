import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-process.js";

/** The checker is plain JavaScript (it runs after devDependencies are pruned), so it is loaded by URL. */
const { importedPackages } = (await import(pathToFileURL(join(ROOT, "scripts/check-runtime-deps.mjs")).href)) as { importedPackages(dir: string): Map<string, string> };

describe("check-runtime-deps", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-runtime-deps-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds real imports, and not the word import inside a string (a CLI subcommand named import)", () => {
    writeFileSync(
      join(dir, "a.js"),
      ['import "side-effect";', 'import x from "pkg-a";', 'const y = await import("pkg-b");', 'program.command("import")', '    .description("Load a file, e.g. from ./x");', "export {};"].join("\n"),
    );
    expect([...importedPackages(dir).keys()].sort()).toEqual(["pkg-a", "pkg-b", "side-effect"]);
  });
});

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-process.js";

/** Runs one of our scripts with Node in `cwd`; returns its exit status and output. */
function node(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Sets a file's modification time `seconds` from now. */
function touch(path: string, seconds: number): void {
  const t = new Date(Date.now() + seconds * 1000);
  utimesSync(path, t, t);
}

const PRUNED_MISSING = "papers-bot: dist/ is not built and TypeScript is not installed here (devDependencies were left out). Build it first: npm ci && npm run build, then npm prune --omit=dev.\n";

describe("scripts/ensure-build.mjs (prestart and prepare)", () => {
  let root: string;
  beforeEach(() => {
    // A tiny copy of the package layout: the script, package.json, a tsconfig and one source file.
    root = mkdtempSync(join(tmpdir(), "papers-ensure-build-"));
    mkdirSync(join(root, "scripts"));
    mkdirSync(join(root, "src"));
    copyFileSync(join(ROOT, "scripts/ensure-build.mjs"), join(root, "scripts/ensure-build.mjs"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "tiny", type: "module" }));
    writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", target: "ES2022", types: [], strict: true } }));
    writeFileSync(join(root, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { outDir: "dist", rootDir: "src" }, include: ["src"] }));
    writeFileSync(join(root, "src/main.ts"), 'export const version: string = "one";\n');
    for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json", "src/main.ts"]) touch(join(root, f), -60);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe("with devDependencies pruned (no TypeScript)", () => {
    it("refuses to start without dist/ and says how to build it; as prepare it lets the install finish", () => {
      expect(node(root, ["scripts/ensure-build.mjs"])).toEqual({ code: 1, stdout: "", stderr: PRUNED_MISSING });
      expect(node(root, ["scripts/ensure-build.mjs", "--if-possible"])).toEqual({ code: 0, stdout: "", stderr: PRUNED_MISSING });
    });

    it("runs an up-to-date dist/ silently", () => {
      mkdirSync(join(root, "dist"));
      writeFileSync(join(root, "dist/main.js"), "");
      expect(node(root, ["scripts/ensure-build.mjs", "--stamp"]).code).toBe(0);
      expect(node(root, ["scripts/ensure-build.mjs"])).toEqual({ code: 0, stdout: "", stderr: "" });
    });

    it("with a source newer than the build, warns and runs the existing dist/ without trying tsc", () => {
      mkdirSync(join(root, "dist"));
      writeFileSync(join(root, "dist/main.js"), "old build");
      node(root, ["scripts/ensure-build.mjs", "--stamp"]);
      touch(join(root, "src/main.ts"), 60);
      const result = node(root, ["scripts/ensure-build.mjs"]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        "papers-bot: src/main.ts changed since the last build, but TypeScript is not installed here (devDependencies were left out), so the existing dist/ runs as it is. To rebuild: npm ci && npm run build && npm prune --omit=dev.\n",
      );
      expect(readFileSync(join(root, "dist/main.js"), "utf8")).toBe("old build");
    });
  });

  describe("with devDependencies installed", () => {
    beforeEach(() => symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir"));

    it("builds when dist/ is missing, not again while it is up to date, and again after a source or package.json changes", () => {
      const first = node(root, ["scripts/ensure-build.mjs"]);
      expect(first).toEqual({ code: 0, stdout: "", stderr: "papers-bot: building dist/ (dist/ has not been built yet)…\n" });
      const built = join(root, "dist/main.js");
      expect(readFileSync(built, "utf8")).toContain('"one"');
      const builtAt = statSync(built).mtimeMs;

      expect(node(root, ["scripts/ensure-build.mjs"])).toEqual({ code: 0, stdout: "", stderr: "" });
      expect(statSync(built).mtimeMs).toBe(builtAt);

      // Saved after the build started, as an edit is.
      writeFileSync(join(root, "src/main.ts"), 'export const version: string = "two";\n');
      expect(node(root, ["scripts/ensure-build.mjs"]).stderr).toBe("papers-bot: building dist/ (src/main.ts changed since the last build)…\n");
      expect(readFileSync(built, "utf8")).toContain('"two"');

      touch(join(root, "package.json"), 0);
      expect(node(root, ["scripts/ensure-build.mjs"]).stderr).toBe("papers-bot: building dist/ (package.json changed since the last build)…\n");
      expect(node(root, ["scripts/ensure-build.mjs"]).stderr).toBe("");
    });

    it("a failing build exits non-zero, says so, and leaves no fresh stamp", () => {
      writeFileSync(join(root, "src/main.ts"), "export const version: number = 'not a number';\n");
      const result = node(root, ["scripts/ensure-build.mjs"]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("papers-bot: the build failed (TypeScript errors above); fix them and run npm start again.");
      expect(existsSync(join(root, "dist/.build-stamp"))).toBe(false);
    });
  });
});

describe("scripts/check-runtime-deps.mjs: dist/ imports no devDependency", () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), "papers-dist-"));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("the real build imports only built-ins and production dependencies", () => {
    const tsc = node(ROOT, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", out, "--tsBuildInfoFile", join(out, ".tsbuildinfo")]);
    expect(tsc.code, tsc.stdout).toBe(0);
    expect(existsSync(join(out, "main.js"))).toBe(true);
    const check = node(ROOT, ["scripts/check-runtime-deps.mjs", out]);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  }, 120_000);

  it("finds static, dynamic and pino-transport imports of packages outside dependencies", () => {
    mkdirSync(join(out, "cli"));
    writeFileSync(join(out, "main.js"), 'import { z } from "zod";\nimport { describe } from "vitest";\nimport "node:fs";\nimport { x } from "./cli/a.js";\n');
    writeFileSync(join(out, "cli/a.js"), 'export const x = await import("tsx/esm");\nconst t = { target: "pino-pretty" };\nconst u = { target: "some-transport" };\nexport * from "@types/node";\n');
    const check = node(ROOT, ["scripts/check-runtime-deps.mjs", out]);
    expect(check.code).toBe(1);
    expect(check.stderr.trim().split("\n").sort()).toEqual([
      'check-runtime-deps: cli/a.js imports @types/node, which is not in "dependencies" (a production install leaves it out).',
      'check-runtime-deps: cli/a.js imports some-transport, which is not in "dependencies" (a production install leaves it out).',
      'check-runtime-deps: cli/a.js imports tsx, which is not in "dependencies" (a production install leaves it out).',
      'check-runtime-deps: main.js imports vitest, which is not in "dependencies" (a production install leaves it out).',
    ]);
  });
});

describe("package.json wires the build checks into npm", () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

  it("npm start and npm ci build only when needed, and work without devDependencies", () => {
    expect(scripts.prestart).toBe("node scripts/ensure-build.mjs");
    expect(scripts.prepare).toBe("node scripts/ensure-build.mjs --if-possible");
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && node scripts\/ensure-build\.mjs --stamp$/);
    for (const name of ["prestart", "prepare", "start", "discord:invite", "discord:register"]) expect(scripts[name], name).not.toMatch(/\b(tsc|tsx|npm run build)\b/);
  });
});

#!/usr/bin/env node
// Builds dist/ only when it is missing or older than what it is built from, so `npm start`
// (prestart) and `npm ci` (prepare) do not pay for a rebuild every time. It never needs a
// devDependency to decide: after `npm prune --omit=dev` an up-to-date dist/ just runs, and a
// missing one gets a sentence saying how to build it.
//
//   node scripts/ensure-build.mjs               build if needed; exit 1 if dist/ is missing and cannot be built
//   node scripts/ensure-build.mjs --if-possible the same, but exit 0 (for `prepare` in an install without devDependencies)
//   node scripts/ensure-build.mjs --stamp       only record that dist/ was just built (`npm run build` ends with it)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The file whose modification time says when dist/ was last built. */
export const STAMP = join("dist", ".build-stamp");

/** What dist/ is built from: a change to any of these (or any file under them) needs a rebuild. */
export const INPUTS = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"];

/** The newest file among `INPUTS` under `root`, or null when there is none. */
export function newestInput(root) {
  let newest = null;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!newest || stat.mtimeMs > newest.mtimeMs) {
      newest = { path: relative(root, path), mtimeMs: stat.mtimeMs };
    }
  };
  for (const input of INPUTS) visit(join(root, input));
  return newest;
}

/** Whether dist/ under `root` is up to date, and if not, why (one phrase). */
export function buildState(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(join(root, "dist", "main.js"))) return { fresh: false, missing: true, reason: "dist/ has not been built yet" };
  if (!existsSync(stamp)) return { fresh: false, missing: false, reason: "dist/ has no build stamp" };
  const newest = newestInput(root);
  if (newest && newest.mtimeMs > statSync(stamp).mtimeMs) return { fresh: false, missing: false, reason: `${newest.path} changed since the last build` };
  return { fresh: true, missing: false, reason: "dist/ is up to date" };
}

/** The TypeScript compiler installed for `root`, or null when devDependencies were left out. */
export function findTsc(root) {
  try {
    return createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    return null;
  }
}

/** Records that dist/ was built at `time` (default now). */
export function writeStamp(root, time = new Date()) {
  mkdirSync(join(root, "dist"), { recursive: true });
  const stamp = join(root, STAMP);
  writeFileSync(stamp, `${time.toISOString()}\n`);
  utimesSync(stamp, time, time);
}

/** Builds dist/ under `root` when needed; returns the exit status. `say` gets each line for the user. */
export function ensureBuild(root, { ifPossible = false, say = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const state = buildState(root);
  if (state.fresh) return 0;
  const tsc = findTsc(root);
  if (!tsc) {
    if (!state.missing) {
      say(`papers-bot: ${state.reason}, but TypeScript is not installed here (devDependencies were left out), so the existing dist/ runs as it is. To rebuild: npm ci && npm run build && npm prune --omit=dev.`);
      return 0;
    }
    say("papers-bot: dist/ is not built and TypeScript is not installed here (devDependencies were left out). Build it first: npm ci && npm run build, then npm prune --omit=dev.");
    return ifPossible ? 0 : 1;
  }
  say(`papers-bot: building dist/ (${state.reason})…`);
  const started = new Date();
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    say("papers-bot: the build failed (TypeScript errors above); fix them and run npm start again.");
    return result.status ?? 1;
  }
  // Stamped with the start time: a file saved during the build still counts as newer.
  writeStamp(root, started);
  return 0;
}

const invokedAs = process.argv[1] ? resolve(process.argv[1]) : "";
if (invokedAs === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  if (process.argv.includes("--stamp")) writeStamp(root);
  else process.exitCode = ensureBuild(root, { ifPossible: process.argv.includes("--if-possible") });
}

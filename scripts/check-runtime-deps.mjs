#!/usr/bin/env node
// Checks that the built code imports, at run time, only Node built-ins and production
// dependencies: a production install prunes devDependencies, so an import of one (tsx,
// vitest, a pino transport named by string…) would fail only there.
//
//   node scripts/check-runtime-deps.mjs [DIST_DIR]   (default dist/; exit 1 and a list when one is found)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Static imports and re-exports, side-effect imports, dynamic `import("…")` and pino `target: "…"` transports. */
const SPECIFIERS = [
  /\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/g,
  // A side-effect import starts a statement; `.command("import")` has a quote before the word.
  /(?<![\w$."'`])import\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\btarget\s*:\s*["']([^"'./][^"']*)["']/g,
];

/** The package a bare specifier names (`@slack/bolt/x` → `@slack/bolt`), or null for relative paths and built-ins. */
export function packageOf(specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || specifier.startsWith("#")) return null;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return builtinModules.includes(name) ? null : name;
}

/** Every package imported by a .js file under `dir`, with the first file that imports it. */
export function importedPackages(dir) {
  const found = new Map();
  const visit = (path) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    if (!path.endsWith(".js") && !path.endsWith(".mjs")) return;
    const text = readFileSync(path, "utf8");
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const name = packageOf(match[1]);
        if (name && !found.has(name)) found.set(name, relative(dir, path));
      }
    }
  };
  visit(dir);
  return found;
}

/** Imports of packages that are not production dependencies in `packageJson`: `[{ name, file }]`. */
export function devOnlyImports(dir, packageJson) {
  const production = new Set(Object.keys(packageJson.dependencies ?? {}));
  return [...importedPackages(dir)].filter(([name]) => !production.has(name)).map(([name, file]) => ({ name, file }));
}

const invokedAs = process.argv[1] ? resolve(process.argv[1]) : "";
if (invokedAs === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const dir = resolve(process.argv[2] ?? join(root, "dist"));
  if (!existsSync(dir)) {
    process.stderr.write(`check-runtime-deps: ${dir} does not exist; run npm run build first.\n`);
    process.exit(1);
  }
  const bad = devOnlyImports(dir, JSON.parse(readFileSync(join(root, "package.json"), "utf8")));
  for (const { name, file } of bad) process.stderr.write(`check-runtime-deps: ${file} imports ${name}, which is not in "dependencies" (a production install leaves it out).\n`);
  if (bad.length > 0) process.exit(1);
  process.stdout.write(`check-runtime-deps: ${relative(process.cwd(), dir) || "."} imports only built-ins and production dependencies.\n`);
}

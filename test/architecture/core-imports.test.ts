import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const FORBIDDEN = ["discord.js", "@slack/bolt", "@slack/", "node-cron", "better-sqlite3", "drizzle-orm", "pino", "fast-xml-parser", "commander", "prom-client", "node:http"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) specs.push((m[1] ?? m[2])!);
  return specs;
}

describe("architecture", () => {
  const coreFiles = filesUnder(join(ROOT, "src/core"));

  it("finds the core's files (so the check below is not vacuous)", () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  it("keeps src/core free of platform, database, logging and parsing packages", () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((spec) => FORBIDDEN.some((bad) => spec === bad || spec.startsWith(bad.endsWith("/") ? bad : `${bad}/`)))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps src/core from importing the adapters, the database layer or the sources", () => {
    const offenders = coreFiles.flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((spec) => /(^|\/)(adapters|db|sources|scheduler)\//.test(spec) || spec.endsWith("/main.js") || spec.endsWith("/config.js"))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("detects a forbidden import when one is present (the check itself works)", () => {
    expect(importsOf('import { Client } from "discord.js";\nexport { x } from "./y.js";')).toEqual(["discord.js", "./y.js"]);
  });
});

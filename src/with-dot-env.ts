import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { BotError } from "./core/errors.js";

/** The `.env` file that was read: where, and the names it set (never the values, which may be secrets). */
export interface DotEnvFile {
  /** Absolute path. */
  path: string;
  /** Variables taken from it, sorted; names the real environment already set are left out (it wins). */
  applied: string[];
}

/**
 * Reads `.env` in `cwd` (KEY=value lines, # comments, quoted values, parsed by Node's
 * util.parseEnv) and returns the environment with it underneath: a variable set in the real
 * environment wins over the file. Without a `.env` the environment is returned as it is.
 */
export function withDotEnv(env: NodeJS.ProcessEnv, cwd: string): { env: NodeJS.ProcessEnv; dotEnv: DotEnvFile | null } {
  const path = resolve(cwd, ".env");
  if (!existsSync(path)) return { env, dotEnv: null };
  let parsed: NodeJS.Dict<string>;
  try {
    parsed = parseEnv(readFileSync(path, "utf8"));
  } catch (err) {
    // The reason names the problem, never a value from the file.
    throw new BotError("CONFIG", `${path} could not be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"}). Fix its permissions or remove it.`);
  }
  const applied = Object.keys(parsed).filter((name) => env[name] === undefined).sort();
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const name of applied) merged[name] = parsed[name];
  return { env: merged, dotEnv: { path, applied } };
}

import { existsSync, mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** Repository root. */
export const ROOT = join(import.meta.dirname, "..");
/** Where generated stores and scratch files go (gitignored). */
export const BENCH_DIR = join(ROOT, ".bench");

/** .bench/<name>, creating .bench when needed. */
export function benchPath(name: string): string {
  if (!existsSync(BENCH_DIR)) mkdirSync(BENCH_DIR, { recursive: true });
  return join(BENCH_DIR, name);
}

/** One line describing the machine: cores, memory, Node version. */
export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Progress to stderr, so stdout stays the report. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

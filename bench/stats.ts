import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** A number with `digits` significant-ish decimals and thousands separators. */
export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Bytes as MB (10^6), one decimal. */
export function mb(bytes: number): string {
  return `${fmt(bytes / 1e6, 1)} MB`;
}

let gcFn: (() => void) | null = null;

/** Full GC (exposes V8's gc at run time when the process was not started with --expose-gc). */
export function collect(): void {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
  gcFn();
}

/** Heap used after a full GC, bytes. */
export function settledHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

import type { IngestRun } from "./core/papers/ingest-run-store.js";

/** What the shell falls back to when no source answered at start-up. */
export type OfflineFallback = { kind: "stored" } | { kind: "sample"; papers: number };

/** Why a request failed, in words a person reads without knowing network error codes; the code itself stays in the log. */
const PLAIN_CAUSES: readonly (readonly [RegExp, string])[] = [
  [/ENOTFOUND|EAI_AGAIN/, "the network lookup failed"],
  [/ECONNREFUSED/, "the connection was refused"],
  [/timed out|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/, "it did not answer in time"],
  [/ECONNRESET|EPIPE|UND_ERR_SOCKET/, "the connection was cut"],
  [/ENETUNREACH|EHOSTUNREACH/, "the network is unreachable"],
  [/CERT|certificate|SSL|TLS/i, "its certificate was not accepted"],
  [/rate limiting|HTTP 429/, "it is limiting requests"],
  [/HTTP 5\d\d/, "it answered with a server error"],
  [/HTTP \d{3}/, "it refused the request"],
];

/** The plain cause of one failed run's error text. */
export function plainCause(error: string): string {
  return PLAIN_CAUSES.find(([pattern]) => pattern.test(error))?.[1] ?? "it did not answer";
}

/** A list read aloud: `a`, `a and b`, `a, b and c`. */
function spoken(items: string[], last: string): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

/**
 * The shell's one-sentence start-up notice when no source answered, e.g. "Could not reach
 * huggingface.co (the network lookup failed), so this is the bundled sample of 19 recorded
 * papers; try again in a few minutes." `hostOf` names a run's source (hf → huggingface.co).
 * The technical reason (error codes, attempts) is left to the log.
 */
export function describeOffline(runs: IngestRun[], hostOf: (source: string) => string | null, fallback: OfflineFallback): string {
  const what = fallback.kind === "stored" ? "these are the papers already stored" : `this is the bundled sample of ${fallback.papers} recorded papers`;
  const causes = new Map<string, Set<string>>();
  for (const run of runs) {
    if (run.status !== "failed") continue;
    const host = hostOf(run.source) ?? run.source;
    const cause = plainCause(run.error ?? "");
    causes.set(cause, (causes.get(cause) ?? new Set()).add(host));
  }
  if (causes.size === 0) return `No paper source is enabled in the config, so ${what}.`;
  const parts = [...causes].map(([cause, hosts]) => `${spoken([...hosts], "or")} (${cause})`);
  return `Could not reach ${spoken(parts, "or")}, so ${what}; try again in a few minutes.`;
}

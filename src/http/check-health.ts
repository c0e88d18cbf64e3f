import type { ConnectionState } from "../core/chat/chat-adapter.js";
import type { Clock } from "../core/clock.js";
import type { IngestRunStore } from "../core/papers/ingest-run-store.js";
import type { DeliveryPass } from "../scheduler/create-scheduler.js";

/** A configured platform is unhealthy once it has been disconnected longer than this, ms. */
export const DISCONNECTED_LIMIT_MS = 60_000;

/** What a health check reads. */
export interface HealthSources {
  /** Throws (or rejects) when the store cannot be read. */
  pingStore(): void | Promise<void>;
  /** The configured platforms' connections, by platform name. */
  platforms(): Record<string, ConnectionState>;
  /** Source names whose last successful ingest is reported (`hf`, `arxiv-rss`). */
  sources: string[];
  /** The ingest ledger. */
  ingestRuns: IngestRunStore;
  /** The scheduler's last delivery pass, or null (none yet, or no scheduler). */
  lastDeliveryPass(): DeliveryPass | null;
  /** Source of "now". */
  clock: Clock;
  /** This instance's id, and whether it holds the ingest lease (null: ingests not coordinated); absent, the report leaves it out. */
  instance?: { id: string; holdsIngestLease(): boolean | null };
}

/** GET /healthz's JSON body. */
export interface HealthReport {
  /** `ok`; `degraded` while a platform is down for less than a minute; `unhealthy` (HTTP 503) otherwise. */
  status: "ok" | "degraded" | "unhealthy";
  /** Why the status is not `ok`, one phrase each. */
  problems: string[];
  /** Whether the store answered a query, and the error when it did not. */
  store: { reachable: boolean; error?: string };
  /** Each configured platform: connected or not, since when, and for how long it has been down, seconds. */
  platforms: Record<string, { connected: boolean; since: string; downSeconds: number }>;
  /** Each source's last successful (ok or partial) ingest and its age, seconds; null when it never succeeded. */
  ingest: Record<string, { lastSuccessAt: string | null; ageSeconds: number | null }>;
  /** The last delivery pass and its age, seconds; null before the first. */
  delivery: { lastPassAt: string; ageSeconds: number; due: number; outcomes: Record<string, number> } | null;
  /** This instance's id and whether it is the one fetching papers for all (holds the ingest lease; null when not coordinated). */
  instance?: { id: string; ingestLease: boolean | null };
}

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

/** Runs every check; `httpStatus` is 503 when the store is unreachable or a platform has been down past DISCONNECTED_LIMIT_MS. Never throws. */
export async function checkHealth(sources: HealthSources): Promise<{ httpStatus: 200 | 503; report: HealthReport }> {
  const now = sources.clock.now().getTime();
  const problems: string[] = [];
  let unhealthy = false;
  let store: HealthReport["store"] = { reachable: true };
  try {
    await sources.pingStore();
  } catch (err) {
    store = { reachable: false, error: (err as Error).message };
    problems.push("the store does not answer");
    unhealthy = true;
  }
  const platforms: HealthReport["platforms"] = {};
  for (const [name, state] of Object.entries(sources.platforms())) {
    const downMs = state.connected ? 0 : now - new Date(state.since).getTime();
    platforms[name] = { connected: state.connected, since: state.since, downSeconds: seconds(downMs) };
    if (state.connected) continue;
    problems.push(`${name} has been disconnected for ${seconds(downMs)} s`);
    if (downMs > DISCONNECTED_LIMIT_MS) unhealthy = true;
  }
  const ingest: HealthReport["ingest"] = {};
  for (const source of sources.sources) {
    let last: string | null = null;
    if (store.reachable) {
      try {
        last = (await sources.ingestRuns.recent(50, source)).find((r) => r.status === "ok" || r.status === "partial")?.finishedAt ?? null;
      } catch {
        last = null;
      }
    }
    ingest[source] = { lastSuccessAt: last, ageSeconds: last ? seconds(now - new Date(last).getTime()) : null };
  }
  const pass = sources.lastDeliveryPass();
  const delivery = pass ? { lastPassAt: pass.at, ageSeconds: seconds(now - new Date(pass.at).getTime()), due: pass.due, outcomes: pass.outcomes } : null;
  const status = unhealthy ? "unhealthy" : problems.length > 0 ? "degraded" : "ok";
  const instance = sources.instance ? { instance: { id: sources.instance.id, ingestLease: sources.instance.holdsIngestLease() } } : {};
  return { httpStatus: unhealthy ? 503 : 200, report: { status, problems, store, platforms, ingest, delivery, ...instance } };
}

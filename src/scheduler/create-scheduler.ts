import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { ChatAdapter } from "../core/chat/chat-adapter.js";
import { utcDay, type Clock } from "../core/clock.js";
import type { Core } from "../core/create-core.js";
import type { DigestRequest } from "../core/digest/deliver-digest.js";
import type { DeliveryResult } from "../core/digest/deliver-many.js";
import { digestKey } from "../core/digest/due-digests.js";
import { createPacer, type Pacer } from "../core/digest/pacer.js";
import { createSystemTimer, type Timer } from "../core/digest/timer.js";
import { isBotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { DailySource, ListingSource } from "../core/papers/ingest-recent.js";
import type { IngestRun } from "../core/papers/ingest-run-store.js";
import { DEFAULT_INGEST_CADENCE, ingestDue, ingestIntervalMs, type IngestCadence } from "./ingest-cadence.js";
import { createIngestLease, type IngestLease, type IngestLeaseOptions } from "./ingest-lease.js";

/** The upstreams the ingest tick fetches. */
export interface SchedulerSources {
  /** HF Daily Papers, or null when disabled. */
  hf: DailySource | null;
  /** arXiv listing feeds. */
  listings: ListingSource[];
  /** Earlier HF days re-fetched each time (late additions, new upvotes). */
  refetchDays: number;
}

/** What createScheduler needs. */
export interface SchedulerOptions {
  /** The core: its deliveries and ingests are what the ticks run. */
  core: Pick<Core, "deliveries" | "ingests">;
  /** "Now" for ticks fired by cron. */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Adapters by platform name; channels of platforms without one are left for a process that has it. */
  adapters: Map<string, Pick<ChatAdapter, "send" | "limits" | "lookUp">>;
  /** Sources for the ingest tick; null to deliver only (another process ingests). */
  sources: SchedulerSources | null;
  /** Lease owner id of this process (config.instance.id): digest runs record it, status shows it. Default a random UUID. */
  owner?: string;
  /** Lease on a digest run while it is sent, ms; renewed while sending, and taken over by another instance once it lapses. Default DEFAULT_LEASE_MS (2 min). */
  leaseMs?: number;
  /** With instances sharing one store: one ingests at a time, holding this lease; absent, this process ingests on its own cadence. */
  ingestLease?: IngestLeaseOptions;
  /** Channels delivered at the same time. Default 16. */
  concurrency?: number;
  /** A post is late when sent more than this after its time, ms. Default 15 min. */
  lateAfterMs?: number;
  /** How long to wait for a day's list before posting what there is or a notice, ms. Default 3 h. */
  waitMs?: number;
  /** Bound of the `all` catch-up policy, days. Default 7. */
  maxCatchUpDays?: number;
  /** When to ingest. Default DEFAULT_INGEST_CADENCE. */
  cadence?: IngestCadence;
  /** After start, deliveries wait for the first ingest up to this long, ms, so catch-up posts use fresh lists. Default 5 min. */
  startupIngestWaitMs?: number;
  /** How long stop() waits for an ingest in flight, ms (deliveries are always waited for). Default 20 s. */
  stopTimeoutMs?: number;
  /** Time source of the pacers. Default the system timer. */
  timer?: Timer;
}

/** What one tick did (null parts were skipped: already running, not due, or waiting for the first ingest). */
export interface TickReport {
  /** Ingest runs, or null when no ingest ran. */
  ingest: IngestRun[] | null;
  /** Delivery results, or null when no delivery pass ran. */
  deliveries: DeliveryResult[] | null;
}

/** The last delivery pass that ran to its end (GET /healthz shows it). */
export interface DeliveryPass {
  /** When it started, ISO 8601. */
  at: string;
  /** Digests that were due. */
  due: number;
  /** How many ended each way (`sent`, `not-ready`, `failed`…). */
  outcomes: Record<string, number>;
}

/** The daily-delivery scheduler: ONE cron tick a minute serves every channel. */
export interface Scheduler {
  /** Starts the minute tick, with an immediate ingest unless the caller just ran one (`ingestNow: false`). */
  start(options?: { ingestNow?: boolean }): void;
  /** Stops ticking; an in-flight digest stops after its current message; resolves when in-flight work has ended. */
  stop(): Promise<void>;
  /** One tick at `now` (default the clock): an ingest when due, and a delivery pass. Never throws. */
  tick(now?: Date): Promise<TickReport>;
  /** A delivery pass at `now` now; null when one is already running or the first ingest is pending. Never throws. */
  deliverDue(now?: Date): Promise<DeliveryResult[] | null>;
  /** An ingest at `now` now, due or not; null when one is already running or there are no sources. Never throws. */
  ingest(now?: Date): Promise<IngestRun[] | null>;
  /** The last delivery pass that finished, or null before the first. */
  lastDeliveryPass(): DeliveryPass | null;
  /** Whether this instance holds the ingest lease; null when ingests are not coordinated (no lease, or no sources). */
  holdsIngestLease(): boolean | null;
}

/** Builds the scheduler (call start() to run it on the clock). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { core, clock, adapters } = options;
  const log = options.logger.child({ component: "scheduler" });
  const owner = options.owner ?? randomUUID();
  const timer = options.timer ?? createSystemTimer();
  const cadence = options.cadence ?? DEFAULT_INGEST_CADENCE;
  const pacers = new Map<string, Pacer>([...adapters].map(([platform, adapter]) => [platform, createPacer({ limits: adapter.limits, timer })]));
  const abort = new AbortController();
  let task: ScheduledTask | null = null;
  let stopped = false;
  let delivering: Promise<DeliveryResult[] | null> | null = null;
  let ingesting: Promise<IngestRun[] | null> | null = null;
  let lastIngestAt: Date | null = null;
  let startup: { at: number; done: boolean } | null = null;
  let waiting = new Set<string>();
  let lastPass: DeliveryPass | null = null;
  const sourceNames = options.sources ? [options.sources.hf?.name, ...options.sources.listings.map((l) => l.name)].filter((n): n is string => Boolean(n)) : [];
  const lease: IngestLease | null =
    options.ingestLease && options.sources ? createIngestLease({ ...options.ingestLease, owner, sources: sourceNames, clock, logger: log }) : null;

  const runIngest = async (now: Date): Promise<IngestRun[] | null> => {
    const sources = options.sources;
    if (!sources) return null;
    lastIngestAt = now;
    try {
      const runs = await core.ingests.recent({ hf: sources.hf ?? undefined, listings: sources.listings, today: utcDay(now), refetchDays: sources.refetchDays });
      const failed = runs.filter((r) => r.status === "failed");
      const stored = runs.reduce((n, r) => n + r.papersNew + r.papersUpdated, 0);
      log[failed.length > 0 ? "warn" : "info"]({ runs: runs.length, failed: failed.map((r) => `${r.source} ${r.day ?? ""}: ${r.error}`), stored }, "ingest finished");
      return runs;
    } catch (err) {
      if (isBotError(err)) log.warn({ reason: err.message, code: err.code }, "ingest failed; the next one tries again");
      else log.error({ err }, "ingest threw");
      return [];
    }
  };

  const runDeliveries = async (now: Date): Promise<DeliveryResult[] | null> => {
    let due: DigestRequest[];
    try {
      due = (await core.deliveries.due({
        now,
        owner,
        lateAfterMs: options.lateAfterMs,
        waitMs: options.waitMs,
        maxCatchUpDays: options.maxCatchUpDays,
        waiting,
      })).filter((d) => adapters.has(d.platform));
    } catch (err) {
      if (isBotError(err)) log.warn({ reason: err.message, code: err.code }, "computing due digests failed; the next tick tries again");
      else log.error({ err }, "computing due digests failed");
      return null;
    }
    if (due.length === 0) {
      waiting = new Set();
      lastPass = { at: now.toISOString(), due: 0, outcomes: {} };
      return [];
    }
    let results: DeliveryResult[];
    try {
      results = await core.deliveries.runClaimed(due, adapters, { owner, concurrency: options.concurrency ?? 16, pacers, timer, deliver: { signal: abort.signal, leaseMs: options.leaseMs } });
    } catch (err) {
      log.error({ err }, "delivery pass threw");
      return null;
    }
    const next = new Set<string>();
    const counts: Record<string, number> = {};
    for (const { request, outcome } of results) {
      counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
      if (outcome.kind === "not-ready" && !request.late) next.add(digestKey(request.conversation, request.digestDay));
      if (outcome.kind === "failed") log.warn({ conversation: request.conversation, digestDay: request.digestDay, reason: outcome.reason, permanent: outcome.permanent }, "digest failed");
    }
    waiting = next;
    lastPass = { at: now.toISOString(), due: due.length, outcomes: counts };
    log.info({ due: due.length, ...counts }, "delivery pass finished");
    return results;
  };

  /**
   * True once deliveries may start after start(): this instance's first ingest ended, the
   * wait bound passed, or (when another instance holds the ingest lease) the shared store
   * already has an ingest that finished within the current cadence interval.
   */
  const startupSettled = async (now: Date): Promise<boolean> => {
    if (!startup || startup.done || now.getTime() - startup.at >= (options.startupIngestWaitMs ?? 300_000)) return true;
    if (lease && !lease.held()) {
      const latest = await lease.latest();
      if (latest?.finishedAt && now.getTime() - Date.parse(latest.startedAt) <= ingestIntervalMs(now, cadence)) startup.done = true;
    }
    return startup.done;
  };

  const deliverDue = (now: Date = clock.now()): Promise<DeliveryResult[] | null> => {
    if (stopped || delivering) return Promise.resolve(null);
    const pass = (async () => {
      if (!(await startupSettled(now))) {
        log.debug({}, "deliveries wait for the first ingest");
        return null;
      }
      return runDeliveries(now);
    })().finally(() => {
      delivering = null;
    });
    delivering = pass;
    return pass;
  };

  const ingest = (now: Date = clock.now()): Promise<IngestRun[] | null> => {
    if (stopped || ingesting || !options.sources) return Promise.resolve(null);
    const run = runIngest(now).finally(() => {
      ingesting = null;
      // Any ingest of this instance after start (its first, or its first after taking the lease over) ends the start-up wait.
      if (startup) startup.done = true;
    });
    ingesting = run;
    return run;
  };

  /**
   * Whether this tick ingests. With the ingest lease, only its holder does, on the cadence;
   * an instance that takes the lease over (the holder died or stopped) goes on from the
   * holder's latest run in the shared ledger, so the cadence does not restart.
   */
  const ingestNow = async (now: Date): Promise<boolean> => {
    if (!lease) return ingestDue(now, lastIngestAt, cadence);
    if (stopped) return false; // a stopped instance has given the lease up: it must not take it again
    const before = lease.held();
    if (!(await lease.hold(now))) return false;
    if (!before) {
      const latest = await lease.latest();
      const at = latest ? new Date(latest.startedAt) : null;
      if (at && (lastIngestAt === null || at > lastIngestAt)) lastIngestAt = at;
    }
    return ingestDue(now, lastIngestAt, cadence);
  };

  const tick = async (now: Date = clock.now()): Promise<TickReport> => {
    const ingestRun = (await ingestNow(now)) ? ingest(now) : Promise.resolve(null);
    const [ingested, deliveries] = await Promise.all([ingestRun, deliverDue(now)]);
    return { ingest: ingested, deliveries };
  };

  return {
    start(startOptions = {}) {
      if (task || stopped) return;
      const first = { at: clock.now().getTime(), done: false };
      startup = first;
      lease?.startRenewing();
      if (startOptions.ingestNow === false) {
        lastIngestAt = clock.now();
        first.done = true;
      } else if (lease) {
        // The holder ingests now; the others deliver from what the holder stores (startupSettled).
        const at = clock.now();
        void lease
          .hold(at)
          .then((held) => (held ? ingest(at).finally(() => (first.done = true)) : null))
          .catch((err: unknown) => log.error({ err }, "first ingest threw"));
      } else {
        void ingest(clock.now()).finally(() => {
          first.done = true;
        });
      }
      if (!options.sources) first.done = true;
      const onTick = () => void tick(clock.now()).catch((err: unknown) => log.error({ err }, "tick threw"));
      task = cron.schedule("* * * * *", onTick, {
        name: `papers-bot-scheduler-${owner.slice(0, 8)}`,
        timezone: "UTC",
        noOverlap: true,
        logger: {
          info: (message) => log.info({}, message),
          warn: (message) => log.warn({}, message),
          error: (message, err) => log.error({ err: err ?? message }, String(message)),
          debug: (message, err) => log.debug({ err }, String(message)),
        },
      });
      log.info({ owner, platforms: [...adapters.keys()], ingestLease: lease !== null }, "scheduler started");
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (task) await task.destroy();
      task = null;
      abort.abort();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, options.stopTimeoutMs ?? 20_000).unref());
      await Promise.all([delivering, Promise.race([ingesting, grace])]);
      await lease?.stop();
      log.info({}, "scheduler stopped");
    },
    tick,
    deliverDue,
    ingest,
    lastDeliveryPass: () => lastPass,
    holdsIngestLease: () => (lease ? lease.held() : null),
  };
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Telemetry } from "../core/telemetry.js";

/** Options for createPromTelemetry. */
export interface PromTelemetryOptions {
  /** Model requests left in today's budget, read at each scrape; null when no model is configured (the gauge is then absent). */
  llmBudgetLeft?: () => Promise<number | null> | number | null;
  /** Also collect prom-client's process defaults (CPU, memory, event-loop lag, handles), named `papers_process_…` / `papers_nodejs_…`. Default true. */
  processMetrics?: boolean;
}

/** The Prometheus side of the core's Telemetry port: counts into its own registry, which GET /metrics serves. */
export interface PromTelemetry extends Telemetry {
  /** The registry every papers_ metric lives in (one per process; tests make their own). */
  readonly registry: Registry;
  /** The exposition text for GET /metrics. */
  metrics(): Promise<string>;
  /** Its content type (Prometheus text format 0.0.4). */
  readonly contentType: string;
}

/** Ingest sources named after a file (`file:foo.json`) are one label value, so a label never grows per file. */
function sourceLabel(source: string): string {
  return source.startsWith("file:") ? "file" : source;
}

/** Builds the Prometheus telemetry over a fresh registry; every metric name starts with `papers_`. */
export function createPromTelemetry(options: PromTelemetryOptions = {}): PromTelemetry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "papers_" });
  const registers = [registry];
  const commands = new Counter({ name: "papers_commands_total", help: "Commands and buttons answered, by command and outcome (ok or the refusal code).", labelNames: ["command", "outcome"], registers });
  const posts = new Counter({ name: "papers_posts_total", help: "Digest messages sent or refused, by platform and outcome.", labelNames: ["platform", "outcome"], registers });
  const rateLimited = new Counter({ name: "papers_rate_limited_total", help: "HTTP 429 answers from a platform API (the SDK waits and retries).", labelNames: ["platform"], registers });
  const inDoubt = new Counter({ name: "papers_in_doubt_sends_total", help: "Digest messages whose send outcome is unknown (never re-sent), by platform and kind.", labelNames: ["platform", "kind"], registers });
  const ingestRuns = new Counter({ name: "papers_ingest_runs_total", help: "Ingest runs finished, by source and status.", labelNames: ["source", "status"], registers });
  const ingestPapers = new Counter({ name: "papers_ingest_papers_total", help: "Papers stored by ingest runs (new plus updated), by source.", labelNames: ["source"], registers });
  const lag = new Histogram({
    name: "papers_delivery_lag_seconds",
    help: "How long after its scheduled time a digest's first message went out, by platform.",
    labelNames: ["platform"],
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 10_800],
    registers,
  });
  const votes = new Counter({ name: "papers_vote_events_total", help: "Upvote events, by how they came and what they did.", labelNames: ["via", "outcome"], registers });
  const llmCalls = new Counter({ name: "papers_llm_calls_total", help: "Language-model calls attempted, by purpose and outcome (ok, budget, timeout…).", labelNames: ["purpose", "outcome"], registers });
  if (options.llmBudgetLeft) {
    const read = options.llmBudgetLeft;
    new Gauge({
      name: "papers_llm_budget_remaining",
      help: "Language-model requests left in today's (UTC) budget.",
      registers,
      async collect() {
        const left = await read();
        if (left === null) this.reset();
        else this.set(left);
      },
    });
  }
  return {
    registry,
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    commandAnswered: (command, outcome) => commands.inc({ command, outcome }),
    postAttempted: (platform, outcome) => posts.inc({ platform, outcome }),
    rateLimited: (platform) => rateLimited.inc({ platform }),
    inDoubtSend: (platform, kind) => inDoubt.inc({ platform, kind }),
    ingestFinished: (source, status, papers) => {
      ingestRuns.inc({ source: sourceLabel(source), status });
      ingestPapers.inc({ source: sourceLabel(source) }, papers);
    },
    deliveryLag: (platform, seconds) => lag.observe({ platform }, seconds),
    voteEvent: (via, outcome) => votes.inc({ via, outcome }),
    modelCalled: (purpose, outcome) => llmCalls.inc({ purpose, outcome }),
  };
}

import type { ChatAdapter } from "../chat/chat-adapter.js";
import { deliverDigest, type DeliverDeps, type DeliverOptions, type DigestOutcome, type DigestRequest } from "./deliver-digest.js";
import { createPacer, type Pacer } from "./pacer.js";
import { createSystemTimer, type Timer } from "./timer.js";

/** One request's result. */
export interface DeliveryResult {
  /** The request. */
  request: DigestRequest;
  /** How it ended (a thrown error becomes a transient failure). */
  outcome: DigestOutcome;
}

/** Options for deliverMany. */
export interface DeliverManyOptions {
  /** Channels delivered at the same time (each channel's own messages stay in order). */
  concurrency: number;
  /** One pacer per platform; missing ones are built from the adapter's limits on `timer`. */
  pacers?: Map<string, Pacer>;
  /** Time source for pacers built here. Default: the system timer. */
  timer?: Timer;
  /** Passed to every deliverDigest (stop signal, lease length). */
  deliver?: DeliverOptions;
  /** Called as each channel finishes (progress, metrics). */
  onResult?: (result: DeliveryResult) => void;
}

/**
 * Delivers many channels' digests concurrently, at most `concurrency` at a time, each paced
 * by its platform's pacer. A slow channel occupies one worker and its own rate-limit
 * budget only; a failing channel returns its failure and the rest carry on. Never throws.
 * Results come back in request order.
 */
export async function deliverMany(
  deps: DeliverDeps,
  adapters: ReadonlyMap<string, Pick<ChatAdapter, "send" | "limits" | "lookUp">>,
  requests: readonly DigestRequest[],
  options: DeliverManyOptions,
): Promise<DeliveryResult[]> {
  const timer = options.timer ?? createSystemTimer();
  const pacers = new Map(options.pacers ?? []);
  const pacerFor = (platform: string, adapter: Pick<ChatAdapter, "limits">): Pacer => {
    let pacer = pacers.get(platform);
    if (!pacer) {
      pacer = createPacer({ limits: adapter.limits, timer });
      pacers.set(platform, pacer);
    }
    return pacer;
  };
  const results: DeliveryResult[] = new Array(requests.length);
  let next = 0;
  const runOne = async (request: DigestRequest): Promise<DigestOutcome> => {
    const adapter = adapters.get(request.platform);
    if (!adapter) return { kind: "failed", reason: `no ${request.platform} adapter is running`, permanent: false };
    try {
      return await deliverDigest(deps, adapter, request, pacerFor(request.platform, adapter), options.deliver);
    } catch (err) {
      deps.logger.error({ err, conversation: request.conversation }, "delivery threw");
      return { kind: "failed", reason: (err as Error).message ?? String(err), permanent: false };
    }
  };
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      const request = requests[index];
      if (!request) return;
      const result = { request, outcome: await runOne(request) };
      results[index] = result;
      options.onResult?.(result);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, requests.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

import { deliverDigest, DEFAULT_LEASE_MS, prepareDigest, type DeliverDeps, type DigestOutcome, type DigestRequest } from "./deliver-digest.js";
import type { DeliveryResult, DeliverManyOptions } from "./deliver-many.js";
import type { ChatAdapter } from "../chat/chat-adapter.js";
import { createPacer, type Pacer } from "./pacer.js";
import { createSystemTimer } from "./timer.js";
import { isBotError } from "../errors.js";

/** Options for deliverClaimed: deliverMany's, plus who claims. */
export interface DeliverClaimedOptions extends DeliverManyOptions {
  /** This instance's lease owner id (config.instance.id). */
  owner: string;
}

/** A failure of the store or the code while checking or claiming, as a transient outcome (the next pass tries again). */
function failedOf(err: unknown): DigestOutcome {
  return { kind: "failed", reason: err instanceof Error ? err.message || err.name : String(err), permanent: false };
}

/**
 * One instance's share of a delivery pass over the due channel-days that any number of
 * instances compute alike. Workers (at most `concurrency`) take claimed channel-days from a
 * queue; when it runs dry, the idle workers' count of the next due channel-days that are
 * ready to go out (checked reading only, so a list that is not out yet writes nothing) is
 * claimed at once through `ledger.claimDue`. Ones another instance holds come back `busy`
 * and are skipped, not waited for; a lease of a dead instance lapses and is claimed by the
 * next pass. Each claimed one is then delivered as deliverDigest does (its claim renews
 * ours), with the lease renewed while sending. Never throws; results come back in request order.
 */
export async function deliverClaimed(
  deps: DeliverDeps,
  adapters: ReadonlyMap<string, Pick<ChatAdapter, "send" | "limits" | "lookUp">>,
  requests: readonly DigestRequest[],
  options: DeliverClaimedOptions,
): Promise<DeliveryResult[]> {
  const timer = options.timer ?? createSystemTimer();
  const pacers = new Map<string, Pacer>(options.pacers ?? []);
  const leaseMs = options.deliver?.leaseMs ?? DEFAULT_LEASE_MS;
  const results: (DeliveryResult | undefined)[] = new Array(requests.length);
  const claimed: number[] = [];
  let cursor = 0;
  let idle = 0;
  let refilling: Promise<void> | null = null;
  const stopped = () => options.deliver?.signal?.aborted ?? false;

  const settle = (index: number, outcome: DigestOutcome) => {
    const result = { request: requests[index]!, outcome };
    results[index] = result;
    options.onResult?.(result);
  };

  /** Checks the next due channel-days until as many are ready as workers are idle, and claims those in one batch. */
  const refill = async () => {
    const offered: number[] = [];
    while (offered.length < idle && cursor < requests.length && !stopped()) {
      const index = cursor;
      cursor += 1;
      const request = requests[index]!;
      if (!adapters.has(request.platform)) {
        settle(index, { kind: "failed", reason: `no ${request.platform} adapter is running`, permanent: false });
        continue;
      }
      try {
        const prepared = await prepareDigest(deps, request);
        if (prepared.kind === "outcome") settle(index, prepared.outcome);
        else offered.push(index);
      } catch (err) {
        deps.logger.warn({ err: (err as Error).message, conversation: request.conversation }, "could not check a due digest; the next pass tries again");
        settle(index, failedOf(err));
      }
    }
    if (offered.length === 0) return;
    const now = deps.clock.now();
    const due = offered.map((i) => requests[i]!);
    let taken: Set<string>;
    try {
      const won = await deps.ledger.claimDue(due, { owner: options.owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), now: now.toISOString() }, offered.length);
      taken = new Set(won.map((d) => `${d.conversation}\u0000${d.digestDay}`));
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, batch: offered.length }, "claiming due digests failed; the next pass tries again");
      for (const index of offered) settle(index, failedOf(err));
      return;
    }
    for (const index of offered) {
      const r = requests[index]!;
      if (taken.has(`${r.conversation}\u0000${r.digestDay}`)) claimed.push(index);
      else settle(index, { kind: "busy" });
    }
  };

  const pacerFor = (platform: string): Pacer => {
    let pacer = pacers.get(platform);
    if (!pacer) {
      pacer = createPacer({ limits: adapters.get(platform)?.limits ?? null, timer });
      pacers.set(platform, pacer);
    }
    return pacer;
  };

  /**
   * Delivers a claimed channel-day, renewing its lease every third of its length meanwhile
   * (a single send or a rate-limit wait may outlast it; deliverDigest also renews between
   * messages); one that turned out not to go out now gives its lease back at once.
   */
  const deliver = async (index: number): Promise<DigestOutcome> => {
    const request = { ...requests[index]!, owner: options.owner };
    const adapter = adapters.get(request.platform)!;
    const run = deps.ledger.run(request.conversation, request.digestDay);
    const heartbeat = setInterval(() => {
      void run.renew(options.owner, new Date(deps.clock.now().getTime() + leaseMs).toISOString()).catch(() => false);
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let outcome: DigestOutcome;
    try {
      outcome = await deliverDigest(deps, adapter, request, pacerFor(request.platform), options.deliver);
    } catch (err) {
      // A store that does not answer is expected now and then: its reason is enough; anything else is a bug, with its stack.
      if (isBotError(err)) deps.logger.warn({ reason: err.message, code: err.code, conversation: request.conversation }, "delivery stopped; the next pass goes on from where it stopped");
      else deps.logger.error({ err, conversation: request.conversation }, "delivery threw");
      outcome = failedOf(err);
    } finally {
      clearInterval(heartbeat);
    }
    if (outcome.kind === "not-ready" || outcome.kind === "skipped") {
      await run.renew(options.owner, new Date(deps.clock.now().getTime() - 1).toISOString()).catch(() => false);
    }
    return outcome;
  };

  const worker = async () => {
    for (;;) {
      const index = claimed.shift();
      if (index !== undefined) {
        settle(index, await deliver(index));
        continue;
      }
      if (cursor >= requests.length || stopped()) return;
      idle += 1;
      refilling ??= refill().finally(() => {
        refilling = null;
      });
      await refilling;
      idle -= 1;
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, requests.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return requests.map((request, index) => results[index] ?? { request, outcome: { kind: "stopped", papers: 0 } });
}

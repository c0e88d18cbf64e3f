import type { IIdentifyThrottler, WebSocketOptions } from "discord.js";
import type { ShardLeases } from "./auto-shards.js";

/** Discord's identify window: `max_concurrency` identifies per 5 s per bot, whichever process sends them. */
const IDENTIFY_WINDOW_MS = 5000;
/** Extra spacing for clock skew between machines and the trip to the gateway, ms. */
const MARGIN_MS = 500;

/** The gateway manager discord.js hands the throttler builder (@discordjs/ws's). */
type GatewayManager = Parameters<NonNullable<WebSocketOptions["buildIdentifyThrottler"]>>[0];

/** Options for leaseIdentifyThrottler. */
export interface LeaseIdentifyThrottlerOptions {
  /** The shared leases. */
  leases: ShardLeases;
  /** This instance's id (part of each identify's holder name). */
  instanceId: string;
  /** Current time (default the system clock). */
  now?: () => Date;
}

/**
 * discord.js's `ws.buildIdentifyThrottler` over the shared leases: an identify of shard s
 * takes the lease `discord-identify:<s % max_concurrency>` for 5.5 s, so identifies of one
 * rate-limit key are 5 s apart across every instance, as Discord requires (discord.js's own
 * throttler only spaces one process's shards, and each `auto` shard is its own Client). A
 * busy key is waited out until its lease expires; an abort signal stops the wait.
 */
export function leaseIdentifyThrottler(options: LeaseIdentifyThrottlerOptions): (manager: GatewayManager) => Promise<IIdentifyThrottler> {
  const now = options.now ?? (() => new Date());
  let attempt = 0;
  return async (manager) => {
    const maxConcurrency = Math.max(1, (await manager.fetchGatewayInformation()).session_start_limit.max_concurrency);
    return {
      async waitForIdentify(shardId: number, signal: AbortSignal) {
        const name = `discord-identify:${shardId % maxConcurrency}`;
        const holder = `${options.instanceId}/${shardId}/${(attempt += 1)}`;
        for (;;) {
          if (signal.aborted) throw signal.reason ?? new Error("identify aborted");
          const at = now();
          if (await options.leases.acquire(name, holder, at.toISOString(), new Date(at.getTime() + IDENTIFY_WINDOW_MS + MARGIN_MS).toISOString())) return;
          const lease = await options.leases.get(name);
          const wait = lease ? Math.min(IDENTIFY_WINDOW_MS + MARGIN_MS, Math.max(20, Date.parse(lease.expiresAt) - now().getTime() + 5)) : 20;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      },
    };
  };
}

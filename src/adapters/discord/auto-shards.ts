import type { Logger } from "../../core/logger.js";

/** One named lease as the adapter reads it back. */
export interface ShardLease {
  /** e.g. `discord-shard:1/2`. */
  name: string;
  /** Instance id of the holder. */
  holder: string;
  /** Until when it is held unless renewed (ISO). */
  expiresAt: string;
}

/**
 * The named leases the adapter shares shards and IDENTIFY turns through; the composition root
 * passes the store's LeaseStore (same shape), so the adapter never imports a store port.
 */
export interface ShardLeases {
  /** Takes `name` for `holder` until `untilIso` when free, expired at `nowIso` or already its own; true when held afterwards (atomic). */
  acquire(name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean>;
  /** Gives `name` up when `holder` holds it. */
  release(name: string, holder: string): Promise<boolean>;
  /** The lease, live or expired, or null. */
  get(name: string): Promise<ShardLease | null>;
  /** Every lease whose name starts with `prefix`, by name. */
  list(prefix: string): Promise<ShardLease[]>;
}

/** Lease name of shard `id` of `count` (a different count is a different shard set). */
export const shardLeaseName = (id: number, count: number): string => `discord-shard:${id}/${count}`;
/** Prefix of the liveness leases: one per running instance in `auto` mode. */
export const INSTANCE_LEASE_PREFIX = "discord-instance:";

/** Options for createAutoShards. */
export interface AutoShardsOptions {
  /** The shared leases. */
  leases: ShardLeases;
  /** This instance's id (config.instance.id): the lease holder. */
  instanceId: string;
  /** Total shards. */
  count: number;
  /** Lease length, ms; renewed every third of it. */
  ttlMs: number;
  /** Current time. */
  now: () => Date;
  /** Starts connecting shard `id`: `ready` settles when it is up (or failed), `stop` disconnects it. Must not wait for the connection itself. */
  startShard(id: number): { ready: Promise<void>; stop: () => Promise<void> };
  /** Logger. */
  logger: Logger;
}

/** The shards this instance runs in `auto` mode. */
export interface AutoShards {
  /** Takes this instance's first share and waits until those shards are up (a failed one is given up); keeps renewing and rebalancing in the background meanwhile and after. */
  start(): Promise<void>;
  /** Stops rebalancing, disconnects every shard, then gives its leases and liveness up, so another instance takes them at once. */
  stop(): Promise<void>;
  /** Shard ids connected now, ascending. */
  held(): number[];
  /** Runs one round now (tests call it instead of waiting for the timer); rounds never overlap. */
  rebalance(): Promise<void>;
}

/**
 * Shares `count` shards among live instances through leases: every round an instance renews
 * its liveness lease (`discord-instance:<id>`) and its shards' leases (`discord-shard:<id>/<count>`),
 * counts the live instances, and moves towards its fair share ceil(count / live): it gives up
 * its highest shards above the share (disconnecting first) and takes free or expired shards
 * below it. A dead instance's leases expire after `ttlMs`, and the next round of the others
 * takes its shards. An instance that cannot renew for a whole lease drops its shards, since
 * another may hold them by then. discord.js cannot add shards to a running Client, so each
 * shard is its own Client: taking or giving one up never reconnects the others.
 */
export function createAutoShards(options: AutoShardsOptions): AutoShards {
  const { leases, instanceId, count, ttlMs, logger } = options;
  const running = new Map<number, { ready: Promise<void>; stop: () => Promise<void> }>();
  const instanceLease = `${INSTANCE_LEASE_PREFIX}${instanceId}`;
  let lastRenewed = options.now().getTime();
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> = Promise.resolve();
  let stopped = false;

  const until = (from: Date) => new Date(from.getTime() + ttlMs).toISOString();
  const disconnect = async (id: number) => {
    const shard = running.get(id);
    running.delete(id);
    await shard?.stop().catch((err: unknown) => logger.warn({ err, shard: id }, "shard disconnect failed"));
  };
  /** Connects shard `id` in the background (an IDENTIFY may wait seconds for its turn, and renewals must go on meanwhile); a failure gives it up. */
  const connect = (id: number, from: string | null, share: number, live: number) => {
    const shard = options.startShard(id);
    running.set(id, shard);
    logger.info({ shard: id, count, share, live, from }, "took a gateway shard");
    shard.ready.catch(async (err: unknown) => {
      if (running.get(id) !== shard) return;
      logger.warn({ err, shard: id }, "could not connect the shard: giving its lease up");
      await disconnect(id);
      await leases.release(shardLeaseName(id, count), instanceId).catch(() => false);
    });
  };

  const once = async () => {
    const now = options.now();
    const nowIso = now.toISOString();
    try {
      await leases.acquire(instanceLease, instanceId, nowIso, until(now));
      const live = (await leases.list(INSTANCE_LEASE_PREFIX)).filter((l) => l.expiresAt > nowIso).length;
      const share = Math.ceil(count / Math.max(1, live));
      for (const id of [...running.keys()]) {
        if (await leases.acquire(shardLeaseName(id, count), instanceId, nowIso, until(now))) continue;
        logger.warn({ shard: id }, "lost the shard's lease to another instance: disconnecting it");
        await disconnect(id);
      }
      lastRenewed = now.getTime();
      for (const id of [...running.keys()].sort((a, b) => b - a).slice(0, Math.max(0, running.size - share))) {
        await disconnect(id);
        await leases.release(shardLeaseName(id, count), instanceId);
        logger.info({ shard: id, share, live }, "gave a shard up for another instance's fair share");
      }
      if (running.size >= share) return;
      const held = new Map((await leases.list("discord-shard:")).map((l) => [l.name, l]));
      for (let id = 0; id < count && running.size < share && !stopped; id += 1) {
        const lease = held.get(shardLeaseName(id, count));
        if (running.has(id) || (lease && lease.expiresAt > nowIso)) continue;
        if (await leases.acquire(shardLeaseName(id, count), instanceId, nowIso, until(now))) connect(id, lease?.holder ?? null, share, live);
      }
    } catch (err) {
      logger.warn({ err }, "shard leases could not be renewed");
      if (now.getTime() - lastRenewed < ttlMs) return;
      logger.error({ shards: [...running.keys()] }, "shard leases expired while the store was unreachable: disconnecting the shards, another instance may hold them");
      for (const id of [...running.keys()]) await disconnect(id);
    }
  };

  const rebalance = () => (round = round.then(() => (stopped ? undefined : once())));
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void rebalance().finally(schedule), Math.max(100, Math.floor(ttlMs / 3)));
  };

  return {
    async start() {
      await rebalance();
      schedule();
      await Promise.all([...running.values()].map((shard) => shard.ready.catch(() => undefined)));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
      const ids = [...running.keys()];
      for (const id of ids) await disconnect(id);
      for (const id of ids) await leases.release(shardLeaseName(id, count), instanceId).catch(() => false);
      await leases.release(instanceLease, instanceId).catch(() => false);
    },
    held: () => [...running.keys()].sort((a, b) => a - b),
    rebalance,
  };
}

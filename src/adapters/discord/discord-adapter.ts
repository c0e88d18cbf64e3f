import { AsyncLocalStorage } from "node:async_hooks";
import { Events, RESTEvents, Routes } from "discord.js";
import type { Client } from "discord.js";
import type { ChatAdapter, ChatCore, LookUpRequest, ReconcileSummary, SendOptions } from "../../core/chat/chat-adapter.js";
import type { CommandDefinitionInfo } from "../../core/chat/command-info.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { createConnectionTracker } from "../shared/connection-tracker.js";
import { createAutoShards, type AutoShards, type ShardLeases } from "./auto-shards.js";
import type { DiscordConfig } from "./discord-config.js";
import { DISCORD_RATE_LIMITS } from "./discord-limits.js";
import { DISCORD_PLATFORM } from "./discord-refs.js";
import { shardPlanOf } from "./discord-shards.js";
import { identifyOverRest, newDiscordClient, type RestBudget } from "./gateway-client.js";
import { handleInteraction } from "./handle-interaction.js";
import { leaseIdentifyThrottler } from "./identify-throttler.js";
import { createDiscordReactionLister } from "./list-reactions.js";
import { lookUpMessage } from "./look-up-message.js";
import { listenForReactions } from "./reactions.js";
import { sendToConversation } from "./send-message.js";
import { createUnknownGuildChannels } from "./unknown-guild-channels.js";
import { registerSlashCommands } from "./register-commands.js";

/** Options for createDiscordAdapter. */
export interface DiscordAdapterOptions {
  /** Bot token (DISCORD_TOKEN); never logged. */
  token: string;
  /** The validated `discord` config section, defaults included (REST origin, application and guild ids, reconcile days, register on start). */
  config: DiscordConfig;
  /** Logger. */
  logger: Logger;
  /** Called on every HTTP 429 answer from the platform's API (the composition root counts them). */
  onRateLimited?: () => void;
  /** Source of "now" for the connection state. Default the system clock (shard and identify leases always use it). */
  now?: () => Date;
  /** Shared leases, for `shards: "auto"` (required then). */
  leases?: ShardLeases;
  /** This instance's id (config.instance.id), the holder of its shard leases. */
  instanceId?: string;
  /** The REST budget shared with other instances on the same token (every request takes a slot), or null for discord.js's own limits only. */
  restBudget?: RestBudget | null;
}

/** The Discord ChatAdapter plus what operators and tests need beyond the port. */
export interface DiscordAdapter extends ChatAdapter {
  /** Registers `/papers` from the definitions, globally or in the configured guild. */
  registerCommands(defs: CommandDefinitionInfo[]): Promise<void>;
  /** Resolves with the start-up reconcile's summary (null before start, or when turned off). */
  reconciled(): Promise<ReconcileSummary | null>;
  /** The discord.js client that posts (and, unless sharding is `auto`, holds the gateway); for diagnostics, the core never sees it. */
  readonly client: Client;
  /** Gateway shard ids this instance runs now (with `auto`, what its leases hold), ascending. */
  shards(): number[];
  /** The discord.js client running gateway shard `id` here, or null (for diagnostics and tests). */
  gatewayClient(id: number): Client | null;
  /** The REST budget shared with other instances, or null when only discord.js's own limits apply. */
  readonly restBudget: RestBudget | null;
}

/**
 * Builds the Discord adapter over discord.js (see newDiscordClient for intents, partials and
 * mentions). Shards follow `config.shards`: all in this process (the default), a fixed list of
 * `shardCount`, or `auto`, shared out among instances through leases, one Client per shard
 * (discord.js cannot add shards to a running Client) while a gateway-less Client posts. Every
 * instance can post to any channel; interactions and reactions arrive where the guild's shard is.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config } = options;
  const logger = options.logger.child({ component: "discord" });
  const plan = shardPlanOf(config);
  // Leases measure real elapsed time across machines: never a pinned app clock.
  const now = () => new Date();
  // A send's "the request leaves now" callback, called from under discord.js when it does (see newDiscordClient).
  const departures = new AsyncLocalStorage<() => void>();
  // Channels of guilds not on a shard here (all of them for auto's posting client), kept between posts.
  const channels = createUnknownGuildChannels();
  // Sharded across instances, IDENTIFYs are spaced through the store (Discord counts them per bot).
  const identifyThrottler = plan.kind !== "all" && options.leases && options.instanceId ? leaseIdentifyThrottler({ leases: options.leases, instanceId: options.instanceId, now }) : undefined;
  const clientFor = (shards?: { ids: number[]; count: number }) => newDiscordClient({ apiBase: config.apiBase, token: options.token, shards, restBudget: options.restBudget, departures, identifyThrottler });
  const all = (count: number) => Array.from({ length: count }, (_, i) => i);
  const client = clientFor(plan.kind === "fixed" ? plan : plan.kind === "all" && plan.count > 1 ? { ids: all(plan.count), count: plan.count } : undefined);
  const connection = createConnectionTracker(options.now);
  const gateways = new Map<number, Client>();
  let auto: AutoShards | null = null;
  const watchRest = (c: Client) => {
    c.rest.on(RESTEvents.RateLimited, (info) => logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, "Discord rate limit: waiting"));
    c.rest.on(RESTEvents.Response, (_request, response) => {
      if (response.status === 429) options.onRateLimited?.();
    });
  };
  /** Each running shard's state: the connection is up while every shard here is (and none is running yet counts as down). */
  const shardUp = new Map<number, boolean>();
  const track = (shardId: number, up: boolean | null) => {
    if (up === null) shardUp.delete(shardId);
    else shardUp.set(shardId, up);
    if (shardUp.size > 0 && [...shardUp.values()].every(Boolean)) connection.up();
    else if (shardUp.size > 0 || !auto) connection.down();
  };
  const watchGateway = (c: Client) => {
    c.on(Events.ShardReady, (shardId) => track(shardId, true));
    c.on(Events.ShardResume, (shardId) => track(shardId, true));
    c.on(Events.ShardReconnecting, (shardId) => track(shardId, false));
    c.on(Events.ShardDisconnect, (_event, shardId) => track(shardId, false));
    c.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
    c.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, "gateway session resumed"));
    c.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, "gateway reconnecting"));
  };
  watchRest(client);
  if (plan.kind !== "auto") watchGateway(client);

  let reconcile: Promise<ReconcileSummary | null> = Promise.resolve(null);
  const detachers: (() => void)[] = [];
  let started = false;

  const applicationId = async (): Promise<string> => {
    if (config.applicationId) return config.applicationId;
    if (client.application?.id) return client.application.id;
    const app = (await client.rest.get(Routes.currentApplication())) as { id: string };
    return app.id;
  };

  const registerCommands = async (defs: CommandDefinitionInfo[]) => {
    await registerSlashCommands(client.rest, await applicationId(), config.guildId, defs);
    logger.info({ guildId: config.guildId ?? "global", commands: defs.length }, "slash commands registered");
  };

  /** Hands `gateway`'s interactions and reactions to the core (thread replies go out through `gateway`, which has the guild cached); returns the detach function. */
  const listen = (gateway: Client, core: ChatCore, gate: () => Promise<void>) => {
    const detachReactions = listenForReactions({ client: gateway, core, gate, logger });
    const onInteraction = (interaction: Parameters<typeof handleInteraction>[0]) => {
      void handleInteraction(interaction, {
        core,
        logger,
        postInThread: (conversation, message, threadOf) => sendToConversation(gateway, conversation, message, { threadOf }, logger, { departures, channels }),
      });
    };
    gateway.on(Events.InteractionCreate, onInteraction);
    return () => {
      detachReactions();
      gateway.off(Events.InteractionCreate, onInteraction);
    };
  };
  const login = async (gateway: Client) => {
    const ready = new Promise<void>((resolve) => gateway.once(Events.ClientReady, () => resolve()));
    await gateway.login(options.token);
    await ready;
  };

  /** `auto`: leases decide the shards; each connects as its own Client. */
  const startAuto = async (core: ChatCore, gate: () => Promise<void>, count: number | null) => {
    if (!options.leases || !options.instanceId) throw new Error("discord.shards is auto but no lease store was given");
    await identifyOverRest(client);
    const total = count ?? ((await client.rest.get(Routes.gatewayBot())) as { shards: number }).shards;
    auto = createAutoShards({
      leases: options.leases,
      instanceId: options.instanceId,
      count: total,
      ttlMs: config.shardLeaseSeconds * 1000,
      now,
      logger,
      startShard: (id) => {
        const gateway = clientFor({ ids: [id], count: total });
        watchRest(gateway);
        watchGateway(gateway);
        const detach = listen(gateway, core, gate);
        gateways.set(id, gateway);
        // A shard given up before it was ready (still waiting for its IDENTIFY turn) settles as stopped.
        let halt: () => void = () => undefined;
        const halted = new Promise<void>((resolve) => (halt = resolve));
        const stop = async () => {
          halt();
          detach();
          if (gateways.get(id) === gateway) gateways.delete(id);
          await gateway.destroy();
          track(id, null);
        };
        return { ready: Promise.race([login(gateway), halted]), stop };
      },
    });
    await auto.start();
    connection.up();
    logger.info({ user: client.user?.id, shards: auto.held(), count: total, instance: options.instanceId, restBudget: options.restBudget ? "shared" : "local" }, "connected to Discord (shards shared out through leases)");
  };

  return {
    platform: DISCORD_PLATFORM,
    limits: DISCORD_RATE_LIMITS,
    client,
    restBudget: options.restBudget ?? null,
    registerCommands,
    reconciled: () => reconcile,
    connection: () => connection.state(),
    shards: () => (plan.kind === "auto" ? (auto?.held() ?? []) : plan.kind === "fixed" ? [...plan.ids] : all(plan.count)),
    gatewayClient: (id) => (plan.kind === "auto" ? (gateways.get(id) ?? null) : (client.ws.shards.has(id) ? client : null)),
    async start(core: ChatCore) {
      if (started) throw new Error("The Discord adapter is already started");
      started = true;
      let releaseGate: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (releaseGate = resolve));
      if (plan.kind === "auto") await startAuto(core, () => gate, plan.count);
      else {
        detachers.push(listen(client, core, () => gate));
        await login(client);
        connection.up();
        logger.info({ user: client.user?.id, guilds: client.guilds.cache.size, shards: plan.kind === "fixed" ? plan.ids : undefined, restBudget: options.restBudget ? "shared" : "local" }, "connected to Discord");
      }
      if (config.registerOnStart) await registerCommands([...core.commands]);
      const days = config.reconcileDays;
      reconcile = (days > 0 ? core.reconcileReactions({ days, list: createDiscordReactionLister(client) }) : Promise.resolve(null))
        .catch((err: unknown) => {
          logger.warn({ err }, "reaction reconcile failed");
          return null;
        })
        .finally(releaseGate);
    },
    async stop() {
      for (const detach of detachers.splice(0)) detach();
      await reconcile.catch(() => null);
      await auto?.stop();
      await client.destroy();
      connection.down();
    },
    send: (conversation: string, message: OutboundMessage, sendOptions?: SendOptions) => sendToConversation(client, conversation, message, sendOptions ?? {}, logger, { departures, channels }),
    lookUp: (request: LookUpRequest) => lookUpMessage(client, request),
  };
}

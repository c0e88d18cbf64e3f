import { Client, Events, GatewayIntentBits, Partials, RESTEvents, Routes } from "discord.js";
import type { ChatAdapter, ChatCore, LookUpRequest, ReconcileSummary, SendOptions } from "../../core/chat/chat-adapter.js";
import type { CommandDefinitionInfo } from "../../core/chat/command-info.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";
import { createConnectionTracker } from "../shared/connection-tracker.js";
import type { DiscordConfig } from "./discord-config.js";
import { DISCORD_RATE_LIMITS } from "./discord-limits.js";
import { DISCORD_PLATFORM } from "./discord-refs.js";
import { handleInteraction } from "./handle-interaction.js";
import { createDiscordReactionLister } from "./list-reactions.js";
import { lookUpMessage } from "./look-up-message.js";
import { listenForReactions } from "./reactions.js";
import { sendToConversation } from "./send-message.js";
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
  /** Source of "now" for the connection state. Default the system clock. */
  now?: () => Date;
}

/** The Discord ChatAdapter plus what operators and tests need beyond the port. */
export interface DiscordAdapter extends ChatAdapter {
  /** Registers `/papers` from the definitions, globally or in the configured guild. */
  registerCommands(defs: CommandDefinitionInfo[]): Promise<void>;
  /** Resolves with the start-up reconcile's summary (null before start, or when turned off). */
  reconciled(): Promise<ReconcileSummary | null>;
  /** The discord.js client (for diagnostics; the core never sees it). */
  readonly client: Client;
}

/**
 * Builds the Discord adapter over discord.js: gateway intents Guilds and GuildMessageReactions
 * (no privileged intents), partials so reactions on uncached messages (and in uncached threads: the Channel partial) arrive, and a
 * client-wide `allowedMentions: { parse: [] }` so nothing the bot posts pings anyone.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config } = options;
  const logger = options.logger.child({ component: "discord" });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    // A message post is never waited out inside discord.js: its 429 (or a pre-emptive wait) is
    // thrown, so the delivery ledger knows nothing was created and the pacer hears Retry-After.
    rest: { api: config.apiBase, rejectOnRateLimit: (limit) => limit.method.toUpperCase() === "POST" && /\/channels\/[^/]+\/messages$/.test(limit.route) },
  });
  client.rest.setToken(options.token);
  const connection = createConnectionTracker(options.now);
  client.rest.on(RESTEvents.RateLimited, (info) => logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, "Discord rate limit: waiting"));
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) options.onRateLimited?.();
  });
  client.on(Events.ShardReady, () => connection.up());
  client.on(Events.ShardResume, () => connection.up());
  client.on(Events.ShardReconnecting, () => connection.down());
  client.on(Events.ShardDisconnect, () => connection.down());
  client.on(Events.Error, (err) => logger.error({ err }, "discord client error"));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, "gateway session resumed"));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, "gateway reconnecting"));

  let reconcile: Promise<ReconcileSummary | null> = Promise.resolve(null);
  let detachReactions: (() => void) | null = null;
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

  return {
    platform: DISCORD_PLATFORM,
    limits: DISCORD_RATE_LIMITS,
    client,
    registerCommands,
    reconciled: () => reconcile,
    connection: () => connection.state(),
    async start(core: ChatCore) {
      if (started) throw new Error("The Discord adapter is already started");
      started = true;
      let releaseGate: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (releaseGate = resolve));
      detachReactions = listenForReactions({ client, core, gate: () => gate, logger });
      client.on(Events.InteractionCreate, (interaction) => {
        void handleInteraction(interaction, {
          core,
          logger,
          postInThread: (conversation, message, threadOf) => sendToConversation(client, conversation, message, { threadOf }, logger),
        });
      });
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      connection.up();
      logger.info({ user: client.user?.id, guilds: client.guilds.cache.size }, "connected to Discord");
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
      detachReactions?.();
      await reconcile.catch(() => null);
      await client.destroy();
      connection.down();
    },
    send: (conversation: string, message: OutboundMessage, sendOptions?: SendOptions) => sendToConversation(client, conversation, message, sendOptions ?? {}, logger),
    lookUp: (request: LookUpRequest) => lookUpMessage(client, request),
  };
}

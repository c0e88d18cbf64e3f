import { Client, Events, GatewayIntentBits, Partials, RESTEvents, Routes } from "discord.js";
import type { ChatAdapter, InboundHandler, SendOptions } from "../../core/chat/chat-adapter.js";
import type { OutboundMessage } from "../../core/chat/message.js";
import type { CommandDefinitionInfo } from "../../core/commands/define-command.js";
import type { CoreDeps } from "../../core/core-deps.js";
import type { Logger } from "../../core/logger.js";
import { noopTelemetry, type Telemetry } from "../../core/telemetry.js";
import { createConnectionTracker } from "../shared/connection-tracker.js";
import { DISCORD_RATE_LIMITS } from "./discord-limits.js";
import { DISCORD_PLATFORM } from "./discord-refs.js";
import { handleInteraction } from "./handle-interaction.js";
import { listenForReactions } from "./reactions.js";
import { reconcileRecent, type ReconcileSummary } from "./reconcile.js";
import { sendToConversation } from "./send-message.js";
import { registerSlashCommands } from "./register-commands.js";

/** Options for createDiscordAdapter. */
export interface DiscordAdapterOptions {
  /** Bot token (DISCORD_TOKEN); never logged. */
  token: string;
  /** REST origin including `/api` (default Discord's); tests point it at a local fake. */
  apiBase?: string;
  /** Application id; default: from READY (or `GET /applications/@me` before login). */
  applicationId?: string | null;
  /** Register commands in this guild only; null/undefined registers globally. */
  guildId?: string | null;
  /** The core's dependencies (stores for autocomplete and the reconcile, clock, logger). */
  deps: CoreDeps;
  /** The command definitions (`registry.infos()`), for deferral and option types. */
  commands: () => CommandDefinitionInfo[];
  /** Logger. */
  logger: Logger;
  /** Emoji that count as upvotes (default: deps.upvoteEmoji, i.e. 👍 and ⬆️). */
  upvoteEmoji?: string[];
  /** Days of digest messages whose reactions are reconciled at start (default 7; 0 turns it off). */
  reconcileDays?: number;
  /** Register the slash commands during start (default false). */
  registerOnStart?: boolean;
  /** Where 429 answers are counted (default: deps.telemetry, else nothing). */
  telemetry?: Telemetry;
}

/** The Discord ChatAdapter plus what operators and tests need beyond the port. */
export interface DiscordAdapter extends ChatAdapter {
  /** Registers `/papers` from the definitions, globally or in `guildId`. */
  registerCommands(defs: CommandDefinitionInfo[]): Promise<void>;
  /** Resolves with the start-up reconcile's summary (null before start, or when turned off). */
  reconciled(): Promise<ReconcileSummary | null>;
  /** The discord.js client (for diagnostics; the core never sees it). */
  readonly client: Client;
}

/**
 * Builds the Discord adapter over discord.js: gateway intents Guilds and GuildMessageReactions
 * (no privileged intents), partials so reactions on uncached messages arrive, and a
 * client-wide `allowedMentions: { parse: [] }` so nothing the bot posts pings anyone.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger.child({ component: "discord" });
  const upvoteEmoji = options.upvoteEmoji ?? options.deps.upvoteEmoji;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    ...(options.apiBase ? { rest: { api: options.apiBase } } : {}),
  });
  client.rest.setToken(options.token);
  const telemetry = options.telemetry ?? options.deps.telemetry ?? noopTelemetry;
  const connection = createConnectionTracker(options.deps.clock);
  client.rest.on(RESTEvents.RateLimited, (info) => logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, "Discord rate limit: waiting"));
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) telemetry.rateLimited(DISCORD_PLATFORM);
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
    if (options.applicationId) return options.applicationId;
    if (client.application?.id) return client.application.id;
    const app = (await client.rest.get(Routes.currentApplication())) as { id: string };
    return app.id;
  };

  const registerCommands = async (defs: CommandDefinitionInfo[]) => {
    await registerSlashCommands(client.rest, await applicationId(), options.guildId ?? null, defs);
    logger.info({ guildId: options.guildId ?? "global", commands: defs.length }, "slash commands registered");
  };

  return {
    platform: DISCORD_PLATFORM,
    limits: DISCORD_RATE_LIMITS,
    client,
    registerCommands,
    reconciled: () => reconcile,
    connection: () => connection.state(),
    async start(handler: InboundHandler) {
      if (started) throw new Error("The Discord adapter is already started");
      started = true;
      let releaseGate: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (releaseGate = resolve));
      detachReactions = listenForReactions({ client, handler, upvoteEmoji, gate: () => gate, logger });
      client.on(Events.InteractionCreate, (interaction) => {
        void handleInteraction(interaction, {
          handler,
          commands: options.commands,
          deps: options.deps,
          logger,
          postInThread: (conversation, message, threadOf) => sendToConversation(client, conversation, message, { threadOf }, logger),
        });
      });
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      connection.up();
      logger.info({ user: client.user?.id, guilds: client.guilds.cache.size }, "connected to Discord");
      if (options.registerOnStart) await registerCommands(options.commands());
      const days = options.reconcileDays ?? 7;
      reconcile = (days > 0 ? reconcileRecent({ client, deps: options.deps, upvoteEmoji, days }) : Promise.resolve(null))
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
  };
}

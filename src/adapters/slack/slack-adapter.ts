import type { RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { ChatAdapter, InboundHandler, RateLimits } from "../../core/chat/chat-adapter.js";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { CommandDefinitionInfo } from "../../core/commands/define-command.js";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/logger.js";
import { noopTelemetry, type Telemetry } from "../../core/telemetry.js";
import { createConnectionTracker } from "../shared/connection-tracker.js";
import type { ReactionDeps } from "../../core/votes/record-reaction.js";
import { registerButtons, registerCommand } from "./handle-interactions.js";
import { parseReaction, type SlackReactionEnvelope } from "./parse-command.js";
import { postMessage } from "./post-message.js";
import { reconcileSlackReactions, type ReconcileSummary } from "./reconcile-reactions.js";
import { renderMessage } from "./render-message.js";
import { createBoltLogger, redactSecrets } from "./slack-logger.js";
import { SLACK_RATE } from "./slack-limits.js";
import { messageRef, parseSlackRef } from "./slack-refs.js";
import { createChannelRights } from "./slack-rights.js";

/** What the start-up reaction reconcile needs from the core. */
export interface SlackReconcileOptions {
  /** Votes, ledger, replay protection and logger (CoreDeps fits). */
  deps: ReactionDeps;
  /** Reactions that count as upvotes (config votes.emoji). */
  upvoteEmoji: string[];
  /** Source of "now". */
  clock: Clock;
  /** How many days of digest messages to reconcile. Default 7. */
  days?: number;
}

/** Options for createSlackAdapter; tokens come from env and never reach the logs. */
export interface SlackAdapterOptions {
  /** Bot token (`xoxb-`). */
  botToken: string;
  /** App-level token (`xapp-`), required in Socket Mode. */
  appToken?: string;
  /** Signing secret, required in HTTP mode. */
  signingSecret?: string;
  /** `socket` (default) or `http`. */
  mode?: "socket" | "http";
  /** HTTP mode: port to listen on (0 = any free port). Default 3000. */
  port?: number;
  /** HTTP mode: interface to bind. Default 0.0.0.0. */
  host?: string;
  /** HTTP mode: Request URL path for events, commands and interactivity. Default /slack/events. */
  path?: string;
  /** HTTP mode: do not listen on `port`; another server (the health and metrics server) passes requests to requestListener(). Default false. */
  sharedServer?: boolean;
  /** Web API base URL. Default https://slack.com/api/. */
  apiUrl?: string;
  /** The slash command. Default /papers. */
  command?: string;
  /** Web API retries (429 waits and network errors). Default 4. */
  retries?: number;
  /** Extra WebClient options (tests pass `retryConfig: { retries: 0 }`). */
  clientOptions?: Omit<webApi.WebClientOptions, "logger" | "logLevel" | "slackApiUrl">;
  /** The command set, so slow subcommands are acked before they run (registerCommands also sets it). */
  commands?: CommandDefinitionInfo[];
  /** Start-up reconcile of reactions; omitted = none. */
  reconcile?: SlackReconcileOptions;
  /** Inline-answer deadline for commands, ms (Slack allows 3000). Default 2500. */
  ackDeadlineMs?: number;
  /** Socket Mode ping timeouts, ms (tests shorten nothing; kept for operators on slow links). */
  socketPing?: { client?: number; server?: number };
  /** Logger. */
  logger: Logger;
  /** Where 429 answers are counted. Default: nothing. */
  telemetry?: Telemetry;
  /** Source of "now" for the connection state. Default the system clock. */
  clock?: Clock;
}

/** The Slack adapter: the ChatAdapter port plus what operators and tests look at. */
export interface SlackAdapter extends ChatAdapter {
  /** The Bolt app (listeners are registered; do not start it yourself). */
  readonly app: App;
  /** Settles when the start-up reconcile is done (null when none ran or it failed). */
  readonly reconciled: Promise<ReconcileSummary | null>;
  /** HTTP mode: the Request URL the app listens on once started; null in Socket Mode. */
  requestUrl(): string | null;
  /** The workspace and bot user from auth.test, once started. */
  identity(): { teamId: string; botUserId: string | null } | null;
  /** HTTP mode with `sharedServer`: the listener for requests to `path`; it throws for other paths (Bolt's deferred-request error). Null otherwise. */
  requestListener(): RequestListener | null;
}

/** A production retry policy: a few tries over about a minute, never the WebClient's 30-minute default. */
function retryPolicy(retries: number): webApi.RetryOptions {
  return { retries, factor: 2, minTimeout: 1000, maxTimeout: 20_000, randomize: true };
}

/**
 * Builds the Slack adapter over Bolt: Socket Mode by default (no public URL), HTTP mode with
 * Bolt's signature-verifying HTTPReceiver as the option. One paper per chat.postMessage,
 * about one message per second per channel, references `slack:<team>:<channel>[:<ts>]`.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const mode = options.mode ?? "socket";
  const secrets = [options.botToken, options.appToken, options.signingSecret].filter((s): s is string => Boolean(s));
  const logger = options.logger.child({ platform: "slack" });
  const boltLogger = createBoltLogger(logger, secrets, LogLevel.INFO);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    retryConfig: retryPolicy(options.retries ?? 4),
    timeout: 30_000,
    ...options.clientOptions,
  };
  let receiver: SocketModeReceiver | HTTPReceiver;
  if (mode === "socket") {
    if (!options.appToken) throw new Error("Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token with connections:write)");
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions: { ...clientOptions } },
      clientPingTimeout: options.socketPing?.client,
      serverPingTimeout: options.socketPing?.server,
    });
  } else {
    if (!options.signingSecret) throw new Error("HTTP mode needs SLACK_SIGNING_SECRET");
    receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: options.path ?? "/slack/events", logger: boltLogger });
  }
  // deferInitialization: Bolt would otherwise call auth.test from the constructor, and a bad
  // token would surface as an unhandled rejection instead of a failed start().
  const app = new App({ token: options.botToken, receiver, socketMode: mode === "socket", logger: boltLogger, clientOptions: { ...clientOptions }, deferInitialization: true });
  app.error(async (error) => {
    logger.error({ code: (error as { code?: string }).code, reason: redactSecrets(error.message, secrets) }, "slack listener failed");
  });
  const telemetry = options.telemetry ?? noopTelemetry;
  const connection = createConnectionTracker(options.clock ?? options.reconcile?.clock);
  app.client.on("rate_limited" as webApi.WebClientEvent.RATE_LIMITED, () => telemetry.rateLimited("slack"));
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on("connected", () => connection.up());
    receiver.client.on("reconnecting", () => connection.down());
    receiver.client.on("disconnected", () => connection.down());
  }
  const rights = createChannelRights(app.client, logger);
  const slow = new Set((options.commands ?? []).filter((c) => c.slow).map((c) => c.name));
  let handler: InboundHandler | null = null;
  let identity: { teamId: string; botUserId: string | null } | null = null;
  let url: string | null = null;
  let started = false;
  let resolveReconciled: (s: ReconcileSummary | null) => void = () => undefined;
  const reconciled = new Promise<ReconcileSummary | null>((resolve) => (resolveReconciled = resolve));

  const interactions = { handler: () => handler, rights, isSlow: (name: string) => slow.has(name), ackDeadlineMs: options.ackDeadlineMs ?? 2500, logger };
  registerCommand(app, options.command ?? "/papers", interactions);
  registerButtons(app, interactions);
  for (const type of ["reaction_added", "reaction_removed"] as const) {
    app.event(type, async ({ body }) => {
      const event = parseReaction(body as unknown as SlackReactionEnvelope, identity?.botUserId ?? null, rights);
      if (!event || !handler) return;
      await handler(event);
    });
  }

  async function runReconcile(): Promise<ReconcileSummary | null> {
    const r = options.reconcile;
    if (!r || !identity) return null;
    const now = r.clock.now();
    const since = new Date(now.getTime() - (r.days ?? 7) * 86_400_000).toISOString();
    try {
      const summary = await reconcileSlackReactions({ client: app.client, deps: r.deps, upvoteEmoji: r.upvoteEmoji, teamId: identity.teamId, botUserId: identity.botUserId, sinceIso: since, nowIso: now.toISOString(), logger });
      logger.info({ ...summary }, "reconciled Slack reactions");
      return summary;
    } catch (err) {
      logger.warn({ reason: redactSecrets((err as Error).message, secrets) }, "reaction reconcile failed");
      return null;
    }
  }

  const limits: RateLimits = { perChannel: { ...SLACK_RATE.perChannel }, global: null };
  return {
    platform: "slack",
    limits,
    app,
    reconciled,
    requestUrl: () => url,
    identity: () => identity,
    requestListener: () => (receiver instanceof HTTPReceiver && options.sharedServer ? receiver.requestListener : null),
    connection: () => connection.state(),
    async start(next) {
      handler = next;
      await app.init();
      const auth = await app.client.auth.test();
      if (!auth.team_id) throw new Error("auth.test returned no team_id");
      identity = { teamId: auth.team_id, botUserId: auth.user_id ?? null };
      if (receiver instanceof HTTPReceiver && options.sharedServer) {
        logger.info({ path: options.path ?? "/slack/events" }, "Slack events arrive through the shared HTTP server");
      } else if (receiver instanceof HTTPReceiver) {
        const server = await app.start({ port: options.port ?? 3000, host: options.host ?? "0.0.0.0" });
        const address = server.address() as AddressInfo;
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        url = `http://${host}:${address.port}${options.path ?? "/slack/events"}`;
      } else {
        await app.start();
      }
      started = true;
      connection.up();
      logger.info({ mode, team: identity.teamId }, "Slack adapter started");
      void runReconcile().then(resolveReconciled);
    },
    async stop() {
      handler = null;
      if (!started) return;
      started = false;
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      else if (!options.sharedServer) await app.stop();
      url = null;
      connection.down();
    },
    async send(conversation, message, sendOptions) {
      const ref = parseSlackRef(conversation);
      if (!ref || ref.ts) throw new SendError(`${conversation} is not a Slack conversation`, { permanent: true, reason: "bad_reference" });
      const thread = sendOptions?.threadOf ? parseSlackRef(sendOptions.threadOf) : null;
      const ts = await postMessage(app.client, { channel: ref.channelId, threadTs: thread?.ts }, renderMessage(message), logger);
      return messageRef(ref.teamId, ref.channelId, ts);
    },
    async registerCommands(defs) {
      slow.clear();
      for (const def of defs) if (def.slow) slow.add(def.name);
    },
  };
}

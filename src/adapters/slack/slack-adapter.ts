import type { RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import type { ChatAdapter, ChatCore, RateLimits, ReconcileSummary } from "../../core/chat/chat-adapter.js";
import { SendError } from "../../core/chat/chat-adapter.js";
import type { Logger } from "../../core/logger.js";
import { createConnectionTracker } from "../shared/connection-tracker.js";
import { registerButtons, registerCommand } from "./handle-interactions.js";
import { createSlackReactionLister } from "./list-reactions.js";
import { parseReaction, type SlackReactionEnvelope } from "./parse-reaction.js";
import { lookUpMessage } from "./look-up-message.js";
import { postMessage } from "./post-message.js";
import { refuseFutureRequests } from "./refuse-future-requests.js";
import { renderMessage } from "./render-message.js";
import type { SlackConfig, SlackCredentials } from "./slack-config.js";
import { createBoltLogger, redactSecrets } from "./slack-logger.js";
import { SLACK_RATE } from "./slack-limits.js";
import { messageRef, parseSlackRef } from "./slack-refs.js";
import { createChannelRights } from "./slack-rights.js";
import { createOAuthPages } from "./oauth-pages.js";
import { createSlackInstallations, type InstallationRecords, type SlackInstallations } from "./slack-installations.js";
import { SLACK_BOT_SCOPES } from "./slack-scopes.js";
import { registerUninstallEvents } from "./uninstall-events.js";
import { installedWorkspaces, notInstalled, singleWorkspace, type WorkspaceClients } from "./workspace-clients.js";

/** Options for createSlackAdapter; tokens come from env and never reach the logs. */
export interface SlackAdapterOptions {
  /** The validated `slack` config section, defaults included (mode, HTTP port/host/path, API URL, command, retries, reconcile days). */
  config: SlackConfig;
  /** The tokens the configured mode needs (resolveSlackCredentials). */
  credentials: SlackCredentials;
  /** Extra WebClient options (tests pass `retryConfig: { retries: 0 }`). */
  clientOptions?: Omit<webApi.WebClientOptions, "logger" | "logLevel" | "slackApiUrl">;
  /** Inline-answer deadline for commands, ms (Slack allows 3000). Default 2500. */
  ackDeadlineMs?: number;
  /** Socket Mode ping timeouts, ms (tests shorten nothing; kept for operators on slow links). */
  socketPing?: { client?: number; server?: number };
  /** Logger. */
  logger: Logger;
  /** HTTP mode: do not listen on `config.port`; another server (the health and metrics server) passes requests to requestListener(). Default false. */
  sharedServer?: boolean;
  /** Called on every HTTP 429 answer from the platform's API (the composition root counts them). */
  onRateLimited?: () => void;
  /** Source of "now" for the connection state and install times. Default the system clock. */
  now?: () => Date;
  /** Where OAuth installs are kept, sealed (required when `credentials.oauth` is set): the store's InstallationStore. */
  installations?: InstallationRecords;
}

/** The Slack adapter: the ChatAdapter port plus what operators and tests look at. */
export interface SlackAdapter extends ChatAdapter {
  /** The Bolt app (listeners are registered; do not start it yourself). */
  readonly app: App;
  /** Settles when the start-up reconcile is done (null when none ran or it failed). */
  readonly reconciled: Promise<ReconcileSummary | null>;
  /** HTTP mode: the Request URL the app listens on once started; null in Socket Mode. */
  requestUrl(): string | null;
  /** The workspace and bot user from auth.test, once started; null with OAuth (many workspaces). */
  identity(): { teamId: string; botUserId: string | null } | null;
  /** With OAuth: the workspaces the bot is installed in (Bolt's installationStore over the store); null with one workspace's token. */
  readonly installations: SlackInstallations | null;
  /** HTTP mode with `sharedServer`: the listener for requests to `config.path`; it throws for other paths (Bolt's deferred-request error). Null otherwise. */
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
  const { config, credentials } = options;
  const mode = config.mode;
  const secrets = [credentials.botToken, credentials.appToken, credentials.signingSecret, credentials.oauth?.clientSecret, credentials.oauth?.stateSecret].filter((s): s is string => Boolean(s));
  const logger = options.logger.child({ platform: "slack" });
  const boltLogger = createBoltLogger(logger, secrets, LogLevel.INFO);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: retryPolicy(config.retries),
    timeout: 30_000,
    // A 429 is handed to the delivery engine (it releases the item and paces), never slept in here.
    rejectRateLimitedCalls: true,
    ...options.clientOptions,
  };
  const oauth = credentials.oauth ?? null;
  if (oauth && !options.installations) throw new Error("OAuth distribution needs an installation store");
  const installations = oauth && options.installations
    ? createSlackInstallations({ store: options.installations, key: oauth.installationKey, logger, now: options.now ?? (() => new Date()) })
    : null;
  let receiver: SocketModeReceiver | HTTPReceiver;
  if (mode === "socket") {
    if (!credentials.appToken) throw new Error("Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level token with connections:write)");
    receiver = new SocketModeReceiver({
      appToken: credentials.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions: { ...clientOptions } },
      clientPingTimeout: options.socketPing?.client,
      serverPingTimeout: options.socketPing?.server,
    });
  } else {
    if (!credentials.signingSecret) throw new Error("HTTP mode needs SLACK_SIGNING_SECRET");
    const distribution = oauth && installations
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: [...SLACK_BOT_SCOPES],
          installationStore: installations.bolt,
          installerOptions: {
            installPath: config.installPath,
            redirectUriPath: config.redirectPath,
            directInstall: true,
            clientOptions: { ...clientOptions },
            callbackOptions: createOAuthPages(config.installPath, config.command, logger),
          },
        }
      : {};
    receiver = new HTTPReceiver({ signingSecret: credentials.signingSecret, endpoints: config.path, logger: boltLogger, ...distribution });
    refuseFutureRequests(receiver);
  }
  // deferInitialization: Bolt would otherwise call auth.test from the constructor, and a bad
  // token would surface as an unhandled rejection instead of a failed start().
  const app = new App({ token: credentials.botToken, receiver, socketMode: mode === "socket", logger: boltLogger, clientOptions: { ...clientOptions }, deferInitialization: true });
  app.error(async (error) => {
    logger.error({ code: (error as { code?: string }).code, reason: redactSecrets(error.message, secrets) }, "slack listener failed");
  });
  const connection = createConnectionTracker(options.now);
  app.client.on("rate_limited" as webApi.WebClientEvent.RATE_LIMITED, () => options.onRateLimited?.());
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on("connected", () => connection.up());
    receiver.client.on("reconnecting", () => connection.down());
    receiver.client.on("disconnected", () => connection.down());
  }
  let core: ChatCore | null = null;
  let identity: { teamId: string; botUserId: string | null } | null = null;
  let url: string | null = null;
  let started = false;
  let resolveReconciled: (s: ReconcileSummary | null) => void = () => undefined;
  const reconciled = new Promise<ReconcileSummary | null>((resolve) => (resolveReconciled = resolve));

  const workspaces: WorkspaceClients = installations
    ? installedWorkspaces(installations, (token) => {
        const client = new webApi.WebClient(token, { ...clientOptions, logger: boltLogger });
        client.on("rate_limited" as webApi.WebClientEvent.RATE_LIMITED, () => options.onRateLimited?.());
        return client;
      }, config.installPath, logger)
    : singleWorkspace(app.client, () => identity);
  const rightsFor = (client: webApi.WebClient) => createChannelRights(client, logger);
  const interactions = { core: () => core, rightsFor, ackDeadlineMs: options.ackDeadlineMs ?? 2500, logger };
  registerCommand(app, config.command, interactions);
  registerButtons(app, interactions);
  if (installations) registerUninstallEvents(app, installations, logger);
  for (const type of ["reaction_added", "reaction_removed"] as const) {
    app.event(type, async ({ body, client, context }) => {
      const event = parseReaction(body as unknown as SlackReactionEnvelope, context.botUserId ?? identity?.botUserId ?? null, rightsFor(client));
      if (!event || !core) return;
      await core.handle(event);
    });
  }

  async function runReconcile(started: ChatCore): Promise<ReconcileSummary | null> {
    if (config.reconcileDays === 0 || (!identity && !installations)) return null;
    // One workspace: only its own messages; with OAuth, every workspace still installed.
    const workspaceOf = (teamId: string) => (installations || teamId === identity?.teamId ? workspaces.get(teamId) : Promise.resolve(null));
    try {
      const summary = await started.reconcileReactions({ days: config.reconcileDays, list: createSlackReactionLister(workspaceOf) });
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
    installations,
    reconciled,
    requestUrl: () => url,
    identity: () => identity,
    connection: () => connection.state(),
    requestListener: () => (receiver instanceof HTTPReceiver && options.sharedServer ? receiver.requestListener : null),
    async start(next) {
      core = next;
      await app.init();
      if (!installations) {
        const auth = await app.client.auth.test();
        if (!auth.team_id) throw new Error("auth.test returned no team_id");
        identity = { teamId: auth.team_id, botUserId: auth.user_id ?? null };
      }
      if (receiver instanceof HTTPReceiver && options.sharedServer) {
        logger.info({ path: config.path }, "Slack events arrive through the shared HTTP server");
      } else if (receiver instanceof HTTPReceiver) {
        const server = await app.start({ port: config.port, host: config.host });
        const address = server.address() as AddressInfo;
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        url = `http://${host}:${address.port}${config.path}`;
      } else {
        await app.start();
      }
      started = true;
      connection.up();
      logger.info(installations ? { mode, oauth: true, installPath: config.installPath, redirectPath: config.redirectPath } : { mode, team: identity?.teamId }, "Slack adapter started");
      void runReconcile(next).then(resolveReconciled);
    },
    async stop() {
      core = null;
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
      const target = { channel: ref.channelId, threadTs: thread?.ts, dedupeKey: sendOptions?.dedupeKey, onRequest: sendOptions?.onRequest };
      const ts = await workspaces.run(ref.teamId, (workspace) => postMessage(workspace.client, target, renderMessage(message), logger));
      return messageRef(ref.teamId, ref.channelId, ts);
    },
    async lookUp(request) {
      const ref = parseSlackRef(request.conversation);
      if (!ref) return { kind: "unavailable", fix: `${request.conversation} is not a Slack conversation` };
      const workspace = await workspaces.get(ref.teamId);
      if (!workspace) return { kind: "unavailable", fix: notInstalled(ref.teamId, config.installPath).message };
      return lookUpMessage(workspace.client, request);
    },
  };
}

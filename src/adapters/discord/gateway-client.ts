import type { AsyncLocalStorage } from "node:async_hooks";
import { Client, ClientUser, DefaultRestOptions, GatewayIntentBits, Partials, Routes } from "discord.js";
import type { APIUser, RESTOptions, WebSocketOptions } from "discord.js";

/**
 * A request budget shared with the other instances on the same bot token; the composition
 * root passes the core's RestBudget (same shape), so the adapter never imports it.
 */
export interface RestBudget {
  /** Resolves when one request may leave now (its slot is taken). */
  acquire(): Promise<void>;
  /** Counters for logs, benches and tests. */
  stats(): { granted: number; storeCalls: number; storeMs: number; failedOpen: number; perSlice: number };
}

/** Options for newDiscordClient. */
export interface DiscordClientOptions {
  /** REST origin including `/api`. */
  apiBase: string;
  /** Bot token, set on the REST side at once (REST needs no gateway). */
  token: string;
  /** Gateway shards the client runs (`ids` of `count`); absent: discord.js's default, shard 0 of 1. */
  shards?: { ids: number[]; count: number };
  /** The budget every REST request takes a slot from first, shared with the other instances; absent: only discord.js's own limits. */
  restBudget?: RestBudget | null;
  /** Where a send puts its "the request leaves now" callback: called as the request goes out, after any wait for the budget or a retry. */
  departures?: AsyncLocalStorage<() => void>;
  /** Spaces IDENTIFYs across instances (discord.js's `ws.buildIdentifyThrottler`); absent: discord.js's own, for this Client only. */
  identifyThrottler?: NonNullable<WebSocketOptions["buildIdentifyThrottler"]>;
}

/** Interaction callbacks and follow-ups (interaction webhooks) are not bound by Discord's global limit, and must answer within 3 s. */
const OUTSIDE_GLOBAL_LIMIT = /\/(interactions|webhooks)\//;

/**
 * discord.js's request function behind a shared budget: each request (each retry too) waits
 * for a slot, then tells the sender it leaves (the pacer stamps the send then, since Discord
 * counts arrivals), then goes out.
 */
export function budgetedMakeRequest(budget: RestBudget | null, departures?: AsyncLocalStorage<() => void>): RESTOptions["makeRequest"] {
  return async (url, init) => {
    if (budget && !OUTSIDE_GLOBAL_LIMIT.test(url)) await budget.acquire();
    departures?.getStore()?.();
    return DefaultRestOptions.makeRequest(url, init);
  };
}

/**
 * A discord.js Client as the bot uses it: intents Guilds and GuildMessageReactions (no
 * privileged intents), partials so reactions on uncached messages (and in uncached threads:
 * the Channel partial) arrive, and a client-wide `allowedMentions: { parse: [] }` so nothing
 * the bot posts pings anyone. Per-route buckets stay discord.js's; the shared budget sits under them.
 */
export function newDiscordClient(options: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    ...(options.shards ? { shards: options.shards.ids, shardCount: options.shards.count } : {}),
    ...(options.identifyThrottler ? { ws: { buildIdentifyThrottler: options.identifyThrottler } } : {}),
    rest: {
      api: options.apiBase,
      // A message post is never waited out inside discord.js: its 429 (or a pre-emptive wait) is
      // thrown, so the delivery ledger knows nothing was created and the pacer hears Retry-After.
      rejectOnRateLimit: (limit) => limit.method.toUpperCase() === "POST" && /\/channels\/[^/]+\/messages$/.test(limit.route),
      ...(options.restBudget || options.departures ? { makeRequest: budgetedMakeRequest(options.restBudget ?? null, options.departures) } : {}),
    },
  });
  client.rest.setToken(options.token);
  return client;
}

/**
 * Gives a client that never logs in to the gateway (the REST side of an `auto`-sharded
 * instance) its bot user from `GET /users/@me`, as READY would, so code that tells the bot's
 * own messages and reactions apart (`client.user.id`) works the same on it.
 */
export async function identifyOverRest(client: Client): Promise<void> {
  const me = (await client.rest.get(Routes.user())) as APIUser;
  // ClientUser's constructor is public in discord.js but typed private; READY builds it the same way.
  const Ctor = ClientUser as unknown as new (client: Client, data: APIUser) => ClientUser;
  (client as { user: ClientUser | null }).user = new Ctor(client, me);
}

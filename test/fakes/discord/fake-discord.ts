import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeGateway, shardOf, type FakeGateway } from "./fake-gateway.js";
import { createArrivalLimits, peakPerSecond } from "./fake-limits.js";
import { apiChannel, apiGuild, apiMessage, apiUser, snowflake, type FakeChannel, type FakeGuild, type FakeMessage, type FakeUser } from "./fake-objects.js";

/** One REST request the bot made. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path after `/api/v10`, percent-decoded. */
  path: string;
  /** Query string, without `?`. */
  query: string;
  /** Parsed JSON body, or null. */
  body: Record<string, unknown> | null;
  /** Request headers (authorization redacted). */
  headers: Record<string, string | string[] | undefined>;
  /** Status the fake answered. */
  status: number;
  /** When it arrived, epoch ms. */
  at: number;
}

/** Options for the fake. */
export interface FakeDiscordOptions {
  /** Guilds with their text channels (default: one guild with two channels). */
  guilds?: { name: string; channels: string[] }[];
  /** Enforce Discord's limits when each request ARRIVES (5 messages / 5 s per channel, 50 requests / s global), answering 429 + retry-after + x-ratelimit-* headers. Default off. */
  enforceLimits?: boolean;
  /** Retry-after to announce on an enforced 429, seconds (default: the time until the window frees). */
  retryAfterSec?: number;
  /** The `shards` GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: IDENTIFYs allowed per 5 s per rate-limit key (default 1, as for most bots). */
  maxConcurrency?: number;
}

/** Switches a test flips to stop the fake at a point of a send. */
export interface FakeDiscordSwitches {
  /** Create posted messages but never answer (the test kills the bot while it waits). */
  stallAfterCreate: boolean;
  /** When > 0: the post that creates the N-th message (counted from when it was set) is created, then never answered. */
  stallAfterCreateAt: number;
  /** Answer history reads (`GET /channels/:id/messages`) never (the test kills the bot during the read-back). */
  stallReadBack: boolean;
  /** Channels whose history the bot may not read (403 Missing Access on the read-back). */
  noHistory: Set<string>;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; stall?: boolean };
type RateLimitRule = { method: string; path: RegExp; retryAfterSec: number; remaining: number };

const notFound = (message: string, code: number): Reply => ({ status: 404, body: { message, code } });

/**
 * A local fake Discord on 127.0.0.1: REST under `/api/v10` and the gateway over WebSocket on
 * the same port. Records every request; can answer 429s; keeps messages and reactions.
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const bot: FakeUser = { id: snowflake(), username: "papers-bot", bot: true };
  const applicationId = snowflake();
  // Guild ids one timestamp apart: consecutive guilds land on consecutive shards ((id >> 22) % count).
  const guildBase = BigInt(snowflake()) >> 22n;
  const guilds: FakeGuild[] = (options.guilds ?? [{ name: "Research", channels: ["papers", "ml"] }]).map((g, i) => {
    const id = ((guildBase - 1_000_000n + BigInt(i)) << 22n).toString();
    return { id, name: g.name, channels: g.channels.map((name) => ({ id: snowflake(), name, guildId: id, type: 0 })) };
  });
  const channels = new Map<string, FakeChannel>(guilds.flatMap((g) => g.channels.map((c) => [c.id, c] as const)));
  const users = new Map<string, FakeUser>([[bot.id, bot]]);
  const messages = new Map<string, FakeMessage>();
  const requests: RecordedRequest[] = [];
  const rateLimits: RateLimitRule[] = [];
  const commands: { route: string; body: unknown }[] = [];
  const interactionMessages = new Map<string, FakeMessage[]>();
  const nonces = new Map<string, string>();
  const switches: FakeDiscordSwitches = { stallAfterCreate: false, stallAfterCreateAt: 0, stallReadBack: false, noHistory: new Set() };
  let createdSinceSwitch = 0;
  const limits = options.enforceLimits ? createArrivalLimits({ retryAfterSec: options.retryAfterSec }) : null;
  /** A message as history reads return it: Discord gives the nonce only to the create call. */
  const listed = (m: FakeMessage) => {
    const { nonce: _nonce, enforce_nonce: _enforce, ...rest } = apiMessage(m);
    return rest;
  };

  const post = (channelId: string, body: Record<string, unknown>, author = bot): FakeMessage => {
    const message: FakeMessage = { id: snowflake(), channelId, guildId: channels.get(channelId)?.guildId, author, body, reactions: new Map() };
    messages.set(message.id, message);
    return message;
  };

  const route = (method: string, path: string, query: URLSearchParams, body: Record<string, unknown> | null): Reply => {
    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return { status: 200, body: { url: `ws://127.0.0.1:${port()}`, shards: options.recommendedShards ?? 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: options.maxConcurrency ?? 1 } } };
    }
    if (method === "GET" && path === "/users/@me") return { status: 200, body: apiUser(bot) };
    if (method === "GET" && (m = path.match(/^\/users\/(\d+)$/))) {
      const user = users.get(m[1]!);
      return user ? { status: 200, body: apiUser(user) } : notFound("Unknown User", 10013);
    }
    if (method === "GET" && path === "/applications/@me") return { status: 200, body: { id: applicationId, name: "papers-bot", flags: 0, bot_public: true } };
    if (method === "PUT" && (m = path.match(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/))) {
      commands.push({ route: path, body });
      const list = (body as unknown as Record<string, unknown>[]) ?? [];
      return { status: 200, body: list.map((c) => ({ ...c, id: snowflake(), application_id: applicationId, version: "1" })) };
    }
    if ((m = path.match(/^\/channels\/(\d+)(.*)$/))) {
      const channel = channels.get(m[1]!);
      if (!channel) return notFound("Unknown Channel", 10003);
      const rest = m[2]!;
      if (method === "GET" && rest === "") return { status: 200, body: apiChannel(channel) };
      if (method === "POST" && rest === "/messages") {
        const nonce = body?.nonce === undefined ? null : `${channel.id}:${String(body.nonce)}`;
        const earlier = nonce && body?.enforce_nonce ? messages.get(nonces.get(nonce) ?? "") : undefined;
        if (earlier) return { status: 200, body: apiMessage(earlier) };
        const created = post(channel.id, body ?? {});
        if (nonce) nonces.set(nonce, created.id);
        createdSinceSwitch += 1;
        const stallHere = switches.stallAfterCreateAt > 0 && createdSinceSwitch === switches.stallAfterCreateAt;
        return { status: 200, body: apiMessage(created), stall: switches.stallAfterCreate || stallHere };
      }
      if (method === "GET" && rest === "/messages") {
        if (switches.noHistory.has(channel.id)) return { status: 403, body: { message: "Missing Access", code: 50001 } };
        const after = BigInt(query.get("after") ?? "0");
        const limit = Math.min(100, Number(query.get("limit") ?? "50"));
        const list = [...messages.values()].filter((m) => m.channelId === channel.id && BigInt(m.id) > after).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        return { status: 200, body: list.slice(0, limit).map(listed), stall: switches.stallReadBack };
      }
      const msg = rest.match(/^\/messages\/(\d+)(.*)$/);
      const message = msg ? messages.get(msg[1]!) : undefined;
      if (msg && (!message || message.channelId !== channel.id)) return notFound("Unknown Message", 10008);
      if (message && method === "GET" && msg![2] === "") return { status: 200, body: apiMessage(message) };
      const reaction = msg?.[2]?.match(/^\/reactions\/([^/]+)$/);
      if (message && method === "GET" && reaction) {
        const after = BigInt(query.get("after") ?? "0");
        const limit = Number(query.get("limit") ?? "25");
        const ids = (message.reactions.get(reaction[1]!) ?? []).filter((id) => BigInt(id) > after).sort().slice(0, limit);
        return { status: 200, body: ids.map((id) => apiUser(users.get(id) ?? { id, username: `user${id.slice(-4)}` })) };
      }
      if (message && method === "POST" && msg![2] === "/threads") {
        if (channels.has(message.id)) return { status: 400, body: { message: "A thread has already been created for this message", code: 160004 } };
        const thread: FakeChannel = { id: message.id, name: String(body?.name ?? "thread"), guildId: channel.guildId, type: 11, parentId: channel.id };
        channels.set(thread.id, thread);
        return { status: 201, body: apiChannel(thread) };
      }
    }
    if (method === "POST" && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const data = body?.data as Record<string, unknown> | undefined;
      if (body?.type === 4) interactionMessages.set(m[2]!, [post("0", data ?? {})]);
      return { status: 204 };
    }
    if ((m = path.match(/^\/webhooks\/\d+\/([^/]+)(\/messages\/@original)?$/))) {
      const list = interactionMessages.get(m[1]!) ?? [];
      if (method === "DELETE") return { status: 204 };
      const message = post("0", body ?? {});
      interactionMessages.set(m[1]!, [...list, message]);
      return { status: 200, body: apiMessage(message) };
    }
    return notFound("404: Not Found", 0);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    const arrivedAt = Date.now();
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        body = { _unparsed: text };
      }
      const method = req.method ?? "GET";
      const limited = rateLimits.find((r) => r.remaining > 0 && r.method === method && r.path.test(path));
      let reply: Reply;
      if (limited) {
        limited.remaining -= 1;
        const after = String(limited.retryAfterSec);
        reply = {
          status: 429,
          body: { message: "You are being rate limited.", retry_after: limited.retryAfterSec, global: false },
          headers: { "retry-after": after, "x-ratelimit-limit": "5", "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": after, "x-ratelimit-bucket": "fake-bucket", "x-ratelimit-scope": "user" },
        };
      } else reply = limits?.check(method, path, req.headers.authorization ?? "") ?? route(method, path, url.searchParams, body);
      const headers = { ...req.headers, authorization: req.headers.authorization ? "[redacted]" : undefined };
      requests.push({ method, path, query: url.search.replace(/^\?/, ""), body, headers, status: reply.status, at: arrivedAt });
      if (reply.stall) return;
      // A 204 must carry no content-type, or @discordjs/rest tries to parse the empty body.
      if (reply.status === 204) res.writeHead(204, reply.headers ?? {}).end();
      else res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = () => (server.address() as AddressInfo).port;
  const gateway: FakeGateway = createFakeGateway(server, () => `ws://127.0.0.1:${port()}`, {
    ready: ([id, count]) => ({ v: 10, user: apiUser(bot), guilds: guilds.filter((g) => shardOf(g.id, count) === id).map((g) => ({ id: g.id, unavailable: true })), application: { id: applicationId, flags: 0 } }),
    guilds: ([id, count]) => guilds.filter((g) => shardOf(g.id, count) === id).map((g) => apiGuild(g)),
  });

  return {
    /** The REST base to give discord.js (`rest.api`). */
    apiBase: `http://127.0.0.1:${port()}/api`,
    /** The bot's own user. */
    bot,
    /** The application id READY announces. */
    applicationId,
    /** Guilds and their channels. */
    guilds,
    /** Every REST request, in order. */
    requests,
    /** Switches that stop the fake at a point of a send. */
    switches,
    /** Requests answered per sliding second under `enforceLimits`, at most: the peak global rate the fake saw (interaction routes left out). */
    peakPerSecond: (): number => peakPerSecond(requests),
    /** 429s answered under `enforceLimits`. */
    enforced429: () => limits?.refused() ?? 0,
    /** The bot's messages in a channel, oldest first. */
    messagesIn: (channelId: string): FakeMessage[] => [...messages.values()].filter((m) => m.channelId === channelId && m.author.id === bot.id),
    /** Registered command bodies, by route. */
    commands,
    /** Stored messages by id. */
    messages,
    /** The gateway (dispatch, reconnect, recorded frames). */
    gateway,
    /** Messages created through an interaction token (reply, edits, follow-ups). */
    interactionMessages,
    /** Adds a user the REST API knows (reaction user lists, `GET /users/:id`). */
    addUser(user: FakeUser): FakeUser {
      users.set(user.id, user);
      return user;
    },
    /** Forgets every nonce, as Discord does once its nonce window has passed. */
    forgetNonces(): void {
      nonces.clear();
    },
    /** Deletes a channel: later requests to it get 404 Unknown Channel. */
    deleteChannel(channelId: string): void {
      channels.delete(channelId);
    },
    /** Answers the next `count` requests matching `method` and `path` with 429 and retry-after. */
    rateLimit(method: string, path: RegExp, retryAfterSec = 1, count = 1): void {
      rateLimits.push({ method, path, retryAfterSec, remaining: count });
    },
    /** Records a reaction in the store (no gateway event). */
    react(messageId: string, userId: string, emoji: string, added = true): void {
      const message = messages.get(messageId);
      if (!message) throw new Error(`fake: no message ${messageId}`);
      const list = (message.reactions.get(emoji) ?? []).filter((id) => id !== userId);
      message.reactions.set(emoji, added ? [...list, userId] : list);
    },
    /** Posts a message as someone else (not a digest). */
    postAs(user: FakeUser, channelId: string, content: string): FakeMessage {
      return post(channelId, { content }, user);
    },
    /** Stops the gateway and the HTTP server. */
    async close(): Promise<void> {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The running fake Discord. */
export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { FakeWorkspaces } from "./fake-workspaces.js";
import { historyAnswer, PostRate, RESPONSE_URL_USES, type FakeSlackSwitches } from "./slack-rules.js";
import { parseParams, readBody, type FakeChannel, type FakeMessage, type FakeSlackOptions, type FakeUser, type RecordedCall, type ScriptedReply } from "./slack-wire.js";

export type { FakeChannel, FakeMessage, FakeSlackOptions, FakeUser, RecordedCall, ScriptedReply } from "./slack-wire.js";

/**
 * A local Slack on 127.0.0.1: the Web API methods the adapter uses, response_url endpoints
 * and the Socket Mode WebSocket (hello, envelopes, acks). It records every request and can
 * answer a method with 429 + Retry-After or `{ok:false,error}` on demand.
 */
export class FakeSlack {
  /** Every Web API call, in order. */
  readonly calls: RecordedCall[] = [];
  /** Every POST to a response_url: path and JSON body. */
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** Every Socket Mode ack received. */
  readonly acks: { envelope_id: string; payload: Record<string, unknown> }[] = [];
  /** Channels by id. */
  readonly channels = new Map<string, FakeChannel>();
  /** Users by id. */
  readonly users = new Map<string, FakeUser>();
  /** Messages by `channel:ts`. */
  readonly messages = new Map<string, FakeMessage>();
  /** Workspace id. */
  readonly teamId: string;
  /** Bot user id. */
  readonly botUserId: string;
  /** Switches: arrival-time limits, stalls at each point of a send, missing history scope. */
  readonly switches: FakeSlackSwitches = { enforceLimits: false, stallAfterCreate: false, stallAfterCreateAt: 0, stallReadBack: false, noHistory: new Set() };
  private created = 0;
  /** The post-rate rule (its `limited` counts 429s). */
  readonly rate = new PostRate();
  /** Responses refused because a response_url was used more than RESPONSE_URL_USES times. */
  overusedResponseUrls = 0;
  /** OAuth: workspaces, codes and the tokens they became. */
  readonly workspaces: FakeWorkspaces;
  private readonly appToken: string;
  private readonly scripted = new Map<string, ScriptedReply[]>();
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (ack: { envelope_id: string; payload: Record<string, unknown> }) => void>();
  private connectedWaiters: (() => void)[] = [];
  private seq = 0;
  private port = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.teamId = options.teamId ?? "T0001";
    this.botUserId = options.botUserId ?? "UBOT";
    this.appToken = options.appToken ?? "xapp-test-app-token";
    this.workspaces = new FakeWorkspaces(options.clientId ?? "1111.2222", options.clientSecret ?? "fake-client-secret");
    const token = options.botToken ?? "xoxb-test-bot-token";
    this.workspaces.add({ teamId: this.teamId, teamName: "Fake", botUserId: this.botUserId, botId: "B0001", token, scopes: [], enterpriseId: null, orgWide: false, orgTeams: [] });
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  /** Starts listening on a free loopback port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Web API base URL for `slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url. */
  responseUrl(): string {
    this.seq += 1;
    return `http://127.0.0.1:${this.port}/response/${this.seq}`;
  }

  /** Calls to one method. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** chat.postMessage calls made with a token of workspace `teamId`. */
  postsBy(teamId: string): RecordedCall[] {
    return this.callsTo("chat.postMessage").filter((c) => this.workspaces.teamOf(c.auth) === teamId);
  }

  /** Answers the next calls to `method` with these replies, in order, before behaving normally again. */
  script(method: string, ...replies: ScriptedReply[]): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...replies]);
  }

  /** Adds or replaces a channel. */
  addChannel(id: string, channel: Partial<FakeChannel> = {}): void {
    this.channels.set(id, { creator: "UCREATOR", member: true, ...channel });
  }

  /** Adds or replaces a user. */
  addUser(id: string, user: FakeUser = {}): void {
    this.users.set(id, user);
  }

  /** Adds a reaction on a held message, as if a user reacted in Slack (no event is sent). */
  react(channel: string, ts: string, name: string, user: string, added = true): void {
    const message = this.messages.get(`${channel}:${ts}`);
    if (!message) throw new Error(`no message ${channel}:${ts}`);
    const users = message.reactions.get(name) ?? new Set<string>();
    if (added) users.add(user);
    else users.delete(user);
    message.reactions.set(name, users);
  }

  /** Resolves once a Socket Mode client has connected and been sent hello. */
  whenConnected(): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Pushes a Socket Mode envelope and resolves with the app's ack. */
  push(type: "slash_commands" | "interactive" | "events_api", payload: Record<string, unknown>, extra: { retryAttempt?: number } = {}): Promise<{ envelope_id: string; payload: Record<string, unknown> }> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error("no Socket Mode client is connected");
    this.seq += 1;
    const envelopeId = `env-${this.seq}`;
    const acked = new Promise<{ envelope_id: string; payload: Record<string, unknown> }>((resolve) => this.waiting.set(envelopeId, resolve));
    socket.send(JSON.stringify({
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== "events_api",
      ...(type === "events_api" ? { retry_attempt: extra.retryAttempt ?? 0, retry_reason: extra.retryAttempt ? "timeout" : "" } : {}),
    }));
    return acked;
  }

  /** Closes sockets and the server. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    const pinger = setInterval(() => ws.ping(), 5000).unref();
    ws.on("close", () => {
      clearInterval(pinger);
      this.sockets.delete(ws);
    });
    ws.on("message", (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id: string; payload: Record<string, unknown> };
      this.acks.push(ack);
      this.waiting.get(ack.envelope_id)?.(ack);
      this.waiting.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }));
    for (const waiter of this.connectedWaiters.splice(0)) waiter();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? "/";
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(value));
    };
    if (path.startsWith("/response/")) {
      if (this.responses.filter((r) => r.path === path).length >= RESPONSE_URL_USES) {
        this.overusedResponseUrls += 1;
        res.writeHead(404, { "content-type": "text/plain" }).end("used_url");
        return;
      }
      this.responses.push({ path, body: JSON.parse(body || "{}") as Record<string, unknown> });
      return json(200, { ok: true });
    }
    const method = path.replace(/^\/api\//, "").split("?")[0] ?? "";
    const call: RecordedCall = { method, params: parseParams(body, req.headers["content-type"]), auth: req.headers.authorization ?? null, at: Date.now() };
    this.calls.push(call);
    const next = this.scripted.get(method)?.shift();
    if (next && "status" in next) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(next.retryAfter) });
    if (next) return json(200, { ok: false, ...next });
    if (method === "oauth.v2.access") return json(200, this.workspaces.exchange(call.params, call.auth));
    const install = method === "apps.connections.open" ? null : this.workspaces.installOf(call.auth);
    if (method === "apps.connections.open" ? call.auth !== `Bearer ${this.appToken}` : !install) return json(200, { ok: false, error: "invalid_auth" });
    const channel = typeof call.params.channel === "string" ? this.channels.get(call.params.channel) : undefined;
    if (channel?.team && install && !this.workspaces.reaches(install, channel.team)) return json(200, { ok: false, error: "channel_not_found" });
    if (method === "chat.postMessage" && this.switches.enforceLimits) {
      const retryAfter = this.rate.retryAfter(String(call.params.channel));
      if (retryAfter > 0) return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    }
    const answer = install && method === "auth.test" ? this.workspaces.authTest(install) : install && method === "auth.teams.list" ? this.workspaces.teams(install) : this.answer(method, call.params);
    if (method === "chat.postMessage" && answer.ok) {
      this.created += 1;
      if (this.switches.stallAfterCreate || this.created === this.switches.stallAfterCreateAt) return;
    }
    if (method.startsWith("conversations.") && method !== "conversations.info" && this.switches.stallReadBack) return;
    json(200, answer);
  }

  private answer(method: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=${++this.seq}` };
      case "chat.postMessage": {
        const channel = this.channels.get(String(p.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (channel.archived) return { ok: false, error: "is_archived" };
        if (!channel.member) return { ok: false, error: "not_in_channel" };
        this.seq += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, "0")}`;
        const metadata = typeof p.metadata === "string" ? (JSON.parse(p.metadata) as FakeMessage["metadata"]) : ((p.metadata as FakeMessage["metadata"]) ?? null);
        const message: FakeMessage = { channel: String(p.channel), ts, text: String(p.text ?? ""), blocks: (p.blocks as unknown[]) ?? [], threadTs: p.thread_ts ? String(p.thread_ts) : null, reactions: new Map(), metadata };
        this.messages.set(`${message.channel}:${ts}`, message);
        return { ok: true, channel: message.channel, ts, message: { ts, text: message.text } };
      }
      case "chat.postEphemeral": {
        if (!this.channels.has(String(p.channel))) return { ok: false, error: "channel_not_found" };
        this.seq += 1;
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, "0")}` };
      }
      case "reactions.get": {
        const message = this.messages.get(`${String(p.channel)}:${String(p.timestamp)}`);
        if (!this.channels.has(String(p.channel))) return { ok: false, error: "channel_not_found" };
        if (!message) return { ok: false, error: "message_not_found" };
        const reactions = [...message.reactions].filter(([, u]) => u.size > 0).map(([name, u]) => ({ name, users: [...u], count: u.size }));
        return { ok: true, type: "message", channel: message.channel, message: { type: "message", ts: message.ts, text: message.text, ...(reactions.length ? { reactions } : {}) } };
      }
      case "conversations.history":
      case "conversations.replies": {
        const channel = String(p.channel);
        if (!this.channels.has(channel)) return { ok: false, error: "channel_not_found" };
        if (this.switches.noHistory.has(channel)) return { ok: false, error: "missing_scope", needed: "channels:history" };
        return historyAnswer([...this.messages.values()], method, p, this.botUserId);
      }
      case "conversations.info": {
        const channel = this.channels.get(String(p.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id: p.channel, creator: channel.creator, is_im: Boolean(channel.isIm), user: channel.user, is_member: channel.member, is_archived: Boolean(channel.archived) } };
      }
      case "users.info": {
        const user = this.users.get(String(p.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: p.user, team_id: this.teamId, is_admin: Boolean(user.admin), is_owner: Boolean(user.owner), is_primary_owner: false, is_bot: Boolean(user.bot) } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** Starts a fake Slack on a free loopback port. */
export function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(options).listen();
}

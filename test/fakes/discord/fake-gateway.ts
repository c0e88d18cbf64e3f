import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

/** A gateway frame the bot sent (op and data), and the shard of the connection it came on. */
export interface GatewayFrame {
  /** Opcode (1 heartbeat, 2 identify, 6 resume, ...). */
  op: number;
  /** Payload. */
  d: unknown;
  /** `[id, count]` the connection identified as ([0, 1] when IDENTIFY named none); null before IDENTIFY or RESUME. */
  shard: [number, number] | null;
  /** When it arrived, epoch ms. */
  at: number;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  /** The READY payload for a fresh session of `shard` (without session_id, which the gateway adds). */
  ready(shard: [number, number]): Record<string, unknown>;
  /** GUILD_CREATE payloads sent after READY: the guilds of `shard` only. */
  guilds(shard: [number, number]): Record<string, unknown>[];
}

interface Session {
  id: string;
  seq: number;
  shard: [number, number];
  history: { t: string; s: number; d: unknown }[];
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
}

/** The shard a guild's events go to, as Discord routes them: (guild_id >> 22) % count; no guild (DMs) goes to shard 0. */
export function shardOf(guildId: unknown, count: number): number {
  return typeof guildId === "string" && /^\d+$/.test(guildId) ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
}

/**
 * The fake gateway: HELLO, IDENTIFY (honouring `shard: [id, count]`) → READY + GUILD_CREATE for
 * that shard's guilds, heartbeat ACKs, op 7 RECONNECT, RESUME with replay of missed dispatches
 * and RESUMED. Several shards connect at once; a dispatch goes to the connection of its
 * guild's shard. Records every frame the bot sends.
 */
export function createFakeGateway(server: Server, url: () => string, hooks: GatewayHooks) {
  const wss = new WebSocketServer({ server });
  const frames: GatewayFrame[] = [];
  const sessions = new Map<string, Session>();
  const live = new Set<Connection>();
  let sessionCount = 0;

  const send = (socket: WebSocket, payload: Record<string, unknown>) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, session: Session, t: string, d: unknown, seq?: number) => {
    const s = seq ?? ++session.seq;
    if (seq === undefined) session.history.push({ t, s, d });
    send(socket, { op: 0, t, s, d });
  };

  wss.on("connection", (socket) => {
    const conn: Connection = { socket, session: null };
    live.add(conn);
    send(socket, { op: 10, d: { heartbeat_interval: 45_000 } });
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      const named = frame.op === 2 && Array.isArray(frame.d.shard) ? (frame.d.shard as [number, number]) : null;
      const shard = frame.op === 2 ? (named ?? [0, 1]) : frame.op === 6 ? (sessions.get(String(frame.d.session_id))?.shard ?? null) : (conn.session?.shard ?? null);
      frames.push({ op: frame.op, d: frame.op === 2 || frame.op === 6 ? { ...frame.d, token: "[redacted]" } : frame.d, shard, at: Date.now() });
      if (frame.op === 1) send(socket, { op: 11 });
      else if (frame.op === 2) {
        const session: Session = { id: `fake-session-${++sessionCount}`, seq: 0, shard: shard!, history: [] };
        sessions.set(session.id, session);
        conn.session = session;
        dispatchTo(socket, session, "READY", { ...hooks.ready(session.shard), session_id: session.id, resume_gateway_url: url(), shard: named ?? undefined });
        for (const guild of hooks.guilds(session.shard)) dispatchTo(socket, session, "GUILD_CREATE", guild);
      } else if (frame.op === 6) {
        const session = sessions.get(String(frame.d.session_id));
        if (!session) {
          send(socket, { op: 9, d: false });
          return;
        }
        conn.session = session;
        for (const missed of session.history.filter((h) => h.s > Number(frame.d.seq))) dispatchTo(socket, session, missed.t, missed.d, missed.s);
        dispatchTo(socket, session, "RESUMED", null);
      }
    });
    socket.on("close", () => live.delete(conn));
  });

  const identified = () => [...live].filter((c): c is Connection & { session: Session } => c.session !== null);
  /** The live connection that gets `d`'s events: its guild's shard; without a guild (or with `shard`), that shard or 0. */
  const current = (d?: unknown, shard?: number) => {
    const guildId = (d as { guild_id?: unknown } | undefined)?.guild_id;
    const match = identified().find((c) => c.session.shard[0] === (shard ?? shardOf(guildId, c.session.shard[1])));
    if (!match) throw new Error(`fake gateway: no identified connection for shard ${shard ?? (guildId === undefined ? 0 : `of guild ${String(guildId)}`)}`);
    return match;
  };

  return {
    /** Frames the bot sent, in order (tokens redacted). */
    frames,
    /** Sends a dispatch, on the live session of its guild's shard, with that session's next sequence number; returns it. */
    dispatch(t: string, d: unknown): number {
      const { socket, session } = current(d);
      dispatchTo(socket, session, t, d);
      return session.seq;
    },
    /** Sends a dispatch again with the sequence number it had (a duplicate delivery), on shard 0 unless told. */
    redispatch(seq: number, shard = 0): void {
      const { socket, session } = current(undefined, shard);
      const old = session.history.find((h) => h.s === seq);
      if (!old) throw new Error(`fake gateway: no dispatch ${seq}`);
      dispatchTo(socket, session, old.t, old.d, old.s);
    },
    /** Records a dispatch as sent while the connection was down: it is replayed on RESUME. */
    queueWhileDown(t: string, d: unknown): void {
      const session = [...sessions.values()].at(-1);
      if (!session) throw new Error("fake gateway: no session");
      session.history.push({ t, s: ++session.seq, d });
    },
    /** Asks the bot's connection for `shard` (default 0) to reconnect (op 7); it should come back with RESUME. */
    requestReconnect(shard = 0): void {
      send(current(undefined, shard).socket, { op: 7, d: null });
    },
    /** True while a connection is identified or resumed. */
    connected: () => identified().length > 0,
    /** `[id, count]` of every identified connection, by shard id. */
    shards: (): [number, number][] => identified().map((c) => c.session.shard).sort((a, b) => a[0] - b[0]),
    /** Closes every socket and the server. */
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The fake gateway's handle. */
export type FakeGateway = ReturnType<typeof createFakeGateway>;

import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

/** A gateway frame the bot sent (op and data). */
export interface GatewayFrame {
  /** Opcode (1 heartbeat, 2 identify, 6 resume, ...). */
  op: number;
  /** Payload. */
  d: unknown;
}

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  /** The READY payload for a fresh session (without session_id, which the gateway adds). */
  ready(): Record<string, unknown>;
  /** GUILD_CREATE payloads sent after READY. */
  guilds(): Record<string, unknown>[];
}

interface Session {
  id: string;
  seq: number;
  history: { t: string; s: number; d: unknown }[];
}

/**
 * The fake gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, op 7 RECONNECT,
 * RESUME with replay of missed dispatches and RESUMED. Records every frame the bot sends.
 */
export function createFakeGateway(server: Server, url: () => string, hooks: GatewayHooks) {
  const wss = new WebSocketServer({ server });
  const frames: GatewayFrame[] = [];
  const sessions = new Map<string, Session>();
  let live: { socket: WebSocket; session: Session | null } | null = null;
  let sessionCount = 0;

  const send = (socket: WebSocket, payload: Record<string, unknown>) => socket.send(JSON.stringify(payload));
  const dispatchTo = (socket: WebSocket, session: Session, t: string, d: unknown, seq?: number) => {
    const s = seq ?? ++session.seq;
    if (seq === undefined) session.history.push({ t, s, d });
    send(socket, { op: 0, t, s, d });
  };

  wss.on("connection", (socket) => {
    const conn: { socket: WebSocket; session: Session | null } = { socket, session: null };
    live = conn;
    send(socket, { op: 10, d: { heartbeat_interval: 45_000 } });
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame & { d: Record<string, unknown> };
      frames.push({ op: frame.op, d: frame.op === 2 || frame.op === 6 ? { ...frame.d, token: "[redacted]" } : frame.d });
      if (frame.op === 1) send(socket, { op: 11 });
      else if (frame.op === 2) {
        const session: Session = { id: `fake-session-${++sessionCount}`, seq: 0, history: [] };
        sessions.set(session.id, session);
        conn.session = session;
        dispatchTo(socket, session, "READY", { ...hooks.ready(), session_id: session.id, resume_gateway_url: url() });
        for (const guild of hooks.guilds()) dispatchTo(socket, session, "GUILD_CREATE", guild);
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
    socket.on("close", () => {
      if (live === conn) live = null;
    });
  });

  const current = () => {
    if (!live?.session) throw new Error("fake gateway: no identified connection");
    return live as { socket: WebSocket; session: Session };
  };

  return {
    /** Frames the bot sent, in order (tokens redacted). */
    frames,
    /** Sends a dispatch on the live session with the next sequence number; returns it. */
    dispatch(t: string, d: unknown): number {
      const { socket, session } = current();
      dispatchTo(socket, session, t, d);
      return session.seq;
    },
    /** Sends a dispatch again with the sequence number it had (a duplicate delivery). */
    redispatch(seq: number): void {
      const { socket, session } = current();
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
    /** Asks the bot to reconnect (op 7); it should come back with RESUME. */
    requestReconnect(): void {
      send(current().socket, { op: 7, d: null });
    },
    /** True while a connection is identified or resumed. */
    connected: () => live?.session !== null && live !== null,
    /** Closes every socket and the server. */
    async close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The fake gateway's handle. */
export type FakeGateway = ReturnType<typeof createFakeGateway>;

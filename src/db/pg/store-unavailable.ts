import type pg from "pg";
import { BotError, isBotError } from "../../core/errors.js";

/** Socket-level error codes of a server that is down, restarting or unreachable. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);

/** Postgres SQLSTATEs of a server going away: admin/crash shutdown, cannot connect now, too many connections. */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** What node-postgres says when the connection drops or cannot be made in time. */
const MESSAGES = /connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|terminating connection/i;

/** True when `err` says the Postgres server does not answer (rather than that a statement is wrong). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))) return true;
  return MESSAGES.test(err.message);
}

/** The reason in a few words: the message, or the socket code when the message is empty (Node's AggregateError). */
export function connectionReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const message = err.message.split("\n")[0]?.trim();
  if (message) return message;
  return typeof code === "string" ? `${code === "ECONNREFUSED" ? "connection refused" : code}` : err.name;
}

/** A connection error as BotError("STORE_UNAVAILABLE") with the sentence users see; any other error as it is. */
export function asStoreError(err: unknown): unknown {
  if (isBotError(err) || !isConnectionError(err)) return err;
  const reason = connectionReason(err);
  return new BotError("STORE_UNAVAILABLE", `The paper store is not answering right now (${reason}); try again in a minute.`, { reason });
}

type Query = (...args: unknown[]) => unknown;

/** Makes the promise form of `target.query` reject with asStoreError (the callback form, used inside pg itself, is left alone). */
function translateQuery(target: { query: unknown }): void {
  const raw = (target.query as Query).bind(target);
  target.query = (...args: unknown[]) => {
    if (typeof args.at(-1) === "function") return raw(...args);
    return (raw(...args) as Promise<unknown>).catch((err: unknown) => {
      throw asStoreError(err);
    });
  };
}

/**
 * Makes a pool safe and clear while its server is down: an error event on any client (idle
 * or checked out, as a server shutdown sends) is reported to `onClientError` instead of
 * crashing the process, and every query and connect of the pool and its clients fails with
 * BotError("STORE_UNAVAILABLE") when the server does not answer. The pool reconnects by
 * itself on the next query once the server is back.
 */
export function guardPool(pool: pg.Pool, onClientError: (reason: string) => void): void {
  pool.on("error", (err) => onClientError(connectionReason(err)));
  pool.on("connect", (client) => {
    client.on("error", (err) => onClientError(connectionReason(err)));
    translateQuery(client as unknown as { query: unknown });
  });
  translateQuery(pool as unknown as { query: unknown });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: Query }).connect = (...args: unknown[]) => {
    if (typeof args.at(-1) === "function") return connect(...args);
    return (connect() as Promise<unknown>).catch((err: unknown) => {
      throw asStoreError(err);
    });
  };
}

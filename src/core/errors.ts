/** Stable error codes that adapters and tests can rely on. */
export type ErrorCode =
  | "NOT_FOUND"
  | "INVALID_ARGS"
  | "INVALID_QUERY"
  | "UNKNOWN_COMMAND"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "UPSTREAM"
  | "BAD_RESPONSE"
  | "CONFIG"
  | "DB_TOO_NEW"
  | "INVALID_IMPORT"
  | "NOT_SQLITE"
  /** The store (a Postgres server) does not answer right now: nothing was changed; retry later. */
  | "STORE_UNAVAILABLE"
  | "INTERNAL";

/**
 * An error meant for a person: `message` says what went wrong and what to do next, in one
 * line, and never contains a stack trace. `detail` is for logs only.
 */
export class BotError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Extra context for the log (never shown to users). */
  readonly detail: unknown;

  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = "BotError";
    this.code = code;
    this.detail = detail;
  }
}

/** True when `err` is a BotError (also across module copies). */
export function isBotError(err: unknown): err is BotError {
  return err instanceof BotError || (err instanceof Error && err.name === "BotError" && "code" in err);
}

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logging port the core writes to; src/main.ts wires pino behind it. */
export interface Logger {
  /** Fine-grained detail for debugging. */
  debug(fields: LogFields, message: string): void;
  /** Normal operation worth recording. */
  info(fields: LogFields, message: string): void;
  /** Something went wrong but the bot carries on. */
  warn(fields: LogFields, message: string): void;
  /** A failure that needs attention. */
  error(fields: LogFields, message: string): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** A logger that drops everything (for tools that must stay quiet). */
export function createSilentLogger(): Logger {
  const silent: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => silent,
  };
  return silent;
}

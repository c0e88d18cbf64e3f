import { pino, type Logger as PinoLogger } from "pino";
import pretty from "pino-pretty";
import type { Logger, LogFields } from "./core/logger.js";

/** Options for the process logger. */
export interface LoggerOptions {
  /** Minimum level. */
  level: string;
  /** Pretty, human-readable lines (on a terminal) instead of JSON. */
  pretty: boolean;
}

/** Keys whose values never reach the logs, wherever they appear. */
const REDACT = [
  "token", "*.token", "authorization", "*.authorization", "headers.authorization",
  "secret", "*.secret", "signingSecret", "*.signingSecret", "appToken", "*.appToken", "botToken", "*.botToken",
];

function wrap(base: PinoLogger): Logger {
  return {
    debug: (fields: LogFields, message: string) => base.debug(fields, message),
    info: (fields: LogFields, message: string) => base.info(fields, message),
    warn: (fields: LogFields, message: string) => base.warn(fields, message),
    error: (fields: LogFields, message: string) => base.error(fields, message),
    child: (fields: LogFields) => wrap(base.child(fields)),
  };
}

/**
 * The process logger: pino writing to stderr (stdout stays clean for command output and
 * --json), JSON off a terminal and pretty on one, with secrets redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  // Synchronous in both modes: log lines land in order with the shell's own output, and
  // no worker thread is started (a faster start and nothing left running at exit).
  const destination = options.pretty
    ? pretty({ destination: 2, sync: true, colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" })
    : pino.destination({ fd: 2, sync: true });
  return wrap(pino({ level: options.level, redact: { paths: REDACT, censor: "[redacted]" } }, destination));
}

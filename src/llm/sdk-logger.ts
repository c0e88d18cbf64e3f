import type { Logger } from "../core/logger.js";

/** The logger shape both SDKs accept. */
export interface SdkLogger {
  /** Error lines. */
  error(message: string, ...rest: unknown[]): void;
  /** Warning lines. */
  warn(message: string, ...rest: unknown[]): void;
  /** Info lines. */
  info(message: string, ...rest: unknown[]): void;
  /** Debug lines. */
  debug(message: string, ...rest: unknown[]): void;
}

/** Routes SDK log lines to our logger, message only: extra arguments (request details) are dropped so no header is ever logged. */
export function sdkLogger(logger: Logger): SdkLogger {
  return {
    error: (message) => logger.warn({}, message),
    warn: (message) => logger.warn({}, message),
    info: (message) => logger.debug({}, message),
    debug: (message) => logger.debug({}, message),
  };
}

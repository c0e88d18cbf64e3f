import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

const TOKEN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/** Replaces Slack tokens (`xoxb-`, `xoxp-`, `xapp-`…) and the given secrets with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN, "[redacted]");
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  return out;
}

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bridges Bolt's, the WebClient's and Socket Mode's logging into our logger. Every line is
 * flattened to text and scrubbed of tokens and the signing secret before it is written.
 */
export function createBoltLogger(logger: Logger, secrets: readonly string[], level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let name = "slack";
  const write = (at: LogLevel, msg: unknown[]) => {
    if (ORDER.indexOf(at) < ORDER.indexOf(current)) return;
    const text = redactSecrets(msg.map(describe).join(" "), secrets);
    logger[at]({ component: name }, text);
  };
  return {
    debug: (...msg: unknown[]) => write(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => write(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => write(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => write(LogLevel.ERROR, msg),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next: string) => {
      name = `slack:${next}`;
    },
  };
}

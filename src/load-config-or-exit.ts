import { loadConfig, type LoadedConfig } from "./config.js";
import { isBotError } from "./core/errors.js";

/** Exit status for a configuration error (EX_CONFIG). */
export const EXIT_CONFIG = 78;

/** Loads config or prints why it cannot, then exits with status 78 (EX_CONFIG): for entry points only. */
export function loadConfigOrExit(): LoadedConfig {
  try {
    return loadConfig();
  } catch (err) {
    process.stderr.write(`papers-bot: ${isBotError(err) ? err.message : String(err)}\n`);
    process.exit(EXIT_CONFIG);
  }
}

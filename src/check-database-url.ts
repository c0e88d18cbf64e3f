import { BotError } from "./core/errors.js";

/** Throws BotError("CONFIG") naming `setting` unless `url` is a postgres:// or postgresql:// URL. */
export function checkDatabaseUrl(url: string, setting: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new BotError("CONFIG", `${setting} is not a URL; set it to postgres://user:password@host:5432/database, or unset it to use SQLite.`);
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new BotError("CONFIG", `${setting} must start with postgres:// or postgresql:// (got ${protocol}//); unset it to use SQLite.`);
  }
}

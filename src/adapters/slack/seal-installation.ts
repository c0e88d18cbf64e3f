import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { BotError } from "../../core/errors.js";

/** The format tag of a sealed record; a different tag is refused, never guessed at. */
const VERSION = "v1";
/** AES-256-GCM: 32-byte key, 12-byte IV, 16-byte tag. */
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** The one-line fix printed with every key problem. */
const HOW_TO = "make one with `openssl rand -base64 32` and keep it: installs sealed with it cannot be read without it";

/** An installation key, checked: the 32 raw bytes and a short public id (so a record sealed with another key is told apart from a tampered one). */
export interface InstallationKey {
  /** The 32 key bytes. */
  bytes: Buffer;
  /** First 8 hex digits of SHA-256(key): safe to log, names which key sealed a record. */
  id: string;
}

/**
 * Reads SLACK_INSTALLATION_KEY: 32 bytes as base64 (44 characters) or hex (64 digits).
 * Throws BotError("CONFIG") naming the setting and how to make one for anything else.
 */
export function parseInstallationKey(raw: string): InstallationKey {
  const value = raw.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) bytes = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) bytes = Buffer.from(value, "base64");
  if (!bytes || bytes.length !== KEY_BYTES) {
    throw new BotError("CONFIG", `SLACK_INSTALLATION_KEY must be 32 bytes, base64 or hex (got ${bytes ? `${bytes.length} bytes` : "neither"}): ${HOW_TO}.`);
  }
  return { bytes, id: createHash("sha256").update(bytes).digest("hex").slice(0, 8) };
}

/** Encrypts `plain` (an installation's JSON) with AES-256-GCM, bound to `installKey` (a record moved to another row does not open). */
export function sealInstallation(plain: string, key: InstallationKey, installKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(Buffer.from(installKey, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, key.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

/** What opening a sealed record gave: the plain text, or why it was refused (safe to log: it holds no secret). */
export type OpenedInstallation = { ok: true; plain: string } | { ok: false; reason: string };

/** Decrypts a sealed record; refuses (never throws) one of another format, sealed with another key, moved to another row, or changed. */
export function openInstallation(sealed: string, key: InstallationKey, installKey: string): OpenedInstallation {
  const parts = sealed.split(":");
  const [version, keyId, iv, tag, body] = parts;
  if (parts.length !== 5 || version !== VERSION || !keyId || !iv || !tag || body === undefined) return { ok: false, reason: "the record is not in a format this bot seals" };
  if (keyId !== key.id) return { ok: false, reason: `the record was sealed with another SLACK_INSTALLATION_KEY (key id ${keyId}; this one is ${key.id})` };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(installKey, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return { ok: true, plain: Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8") };
  } catch {
    return { ok: false, reason: "the record failed its integrity check (changed in the store, or stored under another workspace)" };
  }
}

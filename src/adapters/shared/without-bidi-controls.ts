import type { OutboundMessage } from "../../core/chat/message.js";

/**
 * Bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the
 * isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C. In untrusted text they
 * can reorder what a reader sees (a title that displays differently from how it reads).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Removes every bidirectional formatting character from `text`. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

function mapStrings(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, f));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/**
 * The message with bidi controls removed from every string in it (titles, authors,
 * summaries, labels, fallback text). Every adapter's renderer starts here, so no untrusted
 * string reaches any platform with them. Pure; the input is not changed.
 */
export function withoutBidiControls(message: OutboundMessage): OutboundMessage {
  return mapStrings(message, stripBidiControls) as OutboundMessage;
}

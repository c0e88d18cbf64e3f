import { clip } from "../../core/chat/clip.js";

// Slack mrkdwn treats &, < and > as control characters: `<!channel>`, `<@U123>` and
// `<url|label>` are mentions and links. Untrusted text (titles, authors, summaries) is
// escaped so it is always shown as typed and can never ping anyone.

/** Escapes `&`, `<` and `>` as Slack requires, so untrusted text cannot form mentions or links. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes untrusted text for a mrkdwn field: `&`, `<` and `>` (so no `<!channel>`, `<@U…>`
 * or `<url|label>` forms, and no line-start `>` quote), and a zero-width space after the
 * `@` of `@channel`, `@here` and `@everyone` so no client links them. Formatting marks
 * (`*`, `_`, `~`, backticks) stay as written: mrkdwn has no escape for them, so text that
 * must read exactly as written (titles, summaries) goes in plain_text or rich_text instead.
 */
export function escapeMrkdwn(text: string): string {
  return escapeSlackText(text).replace(/@(channel|here|everyone)\b/gi, "@\u200b$1");
}

/** Collapses runs of whitespace (newlines included) to one space: titles and names stay on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Cuts text to `max` characters, ending with `…` when cut, never splitting a surrogate pair or an entity. */
export function truncate(text: string, max: number): string {
  return clip(text, max, { unsafeTail: ENTITY_TAIL });
}

/** A cut that would leave half an HTML entity (`&am`). */
export const ENTITY_TAIL = /&[a-z]{0,4}$/;

/** A URL safe inside `<url|label>`: http(s) only, with `|`, `<`, `>` percent-encoded and `&` escaped; null otherwise. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return null;
  return trimmed.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/&/g, "&amp;");
}

/** A mrkdwn link `<url|label>` with the label escaped; just the label when the URL is unsafe. */
export function mrkdwnLink(url: string, label: string): string {
  const href = safeUrl(url);
  const text = escapeMrkdwn(oneLine(label)).replace(/\|/g, "\u2223");
  return href ? `<${href}|${text}>` : text;
}

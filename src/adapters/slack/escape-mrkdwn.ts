import { clip } from "../../core/chat/clip.js";

// Slack mrkdwn treats &, < and > as control characters: `<!channel>`, `<@U123>` and
// `<url|label>` are mentions and links. Untrusted text (titles, authors, summaries) is
// escaped so it is always shown as typed and can never ping anyone.

/** Escapes `&`, `<` and `>` as Slack requires, so untrusted text cannot form mentions or links. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const LOOKALIKE: Record<string, string> = { "*": "\u2217", _: "\uff3f", "~": "\u223c", "`": "\u02cb" };
const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes untrusted text for a mrkdwn field: `&`, `<`, `>` first; then `@channel`, `@here`
 * and `@everyone` get a zero-width space so no client links them; then the formatting
 * markers `*`, `_`, `~` and `` ` `` that stand at a word boundary (where they would open or
 * close bold, italics, strike or code) become look-alike characters. Markers inside words
 * (`snake_case`, `2*3`) are left alone because Slack does not format them.
 */
export function escapeMrkdwn(text: string): string {
  const escaped = escapeSlackText(text).replace(/@(channel|here|everyone)\b/gi, "@\u200b$1");
  let out = "";
  for (let i = 0; i < escaped.length; i += 1) {
    const ch = escaped[i]!;
    const swap = LOOKALIKE[ch];
    if (swap && !(WORD.test(escaped[i - 1] ?? "") && WORD.test(escaped[i + 1] ?? ""))) out += swap;
    else out += ch;
  }
  return out.replace(/^&gt;/gm, "\uff1e");
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

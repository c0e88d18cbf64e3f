import { escapeMarkdown } from "discord.js";
import { clip } from "../../core/chat/clip.js";
import { stripBidiControls } from "../shared/without-bidi-controls.js";

const ZWSP = "\u200b";

/** Breaks every mention form (`@everyone`, `@here`, `<@user>`, `<@!user>`, `<@&role>`) with a zero-width space, so text pings nobody even without allowed_mentions. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<@${ZWSP}`);
}

/**
 * Escapes what Discord reads at the start of a line: block quotes (`> `, `>>> `), subtext
 * (`-# `), headings (`# `), bullets (`- `, `* `) and numbered items (`1. `), so an abstract
 * that starts with one of them shows the characters instead of a quote or a heading.
 */
export function escapeLineStarts(text: string): string {
  return escapeMarkdown(text, {
    codeBlock: false, inlineCode: false, bold: false, italic: false, underline: false, strikethrough: false, spoiler: false, escape: false,
    heading: true, bulletedList: true, numberedList: true,
  }).replace(/^([ \t]*)(>|-#)/gm, "$1\\$2");
}

/**
 * Untrusted text made inert: markdown escaped (inline marks, masked links and the line
 * starts of escapeLineStarts), mentions broken, control and bidi characters dropped.
 * With `max`, the input is cut first (escaping is slow on huge text) and the result cut to `max`.
 */
export function escapeUntrusted(text: string, max?: number): string {
  const clean = stripBidiControls(max === undefined ? text : text.slice(0, max + 1)).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  const escaped = neutralizeMentions(escapeLineStarts(escapeMarkdown(clean, { maskedLink: true })));
  return max === undefined ? escaped : truncate(escaped, max);
}

/** A cut that would leave a dangling markdown-escape backslash. */
export const ESCAPE_TAIL = /\\+$/;

/** Cuts `text` to at most `max` characters, ending with `…` when cut (the shared clip, never leaving a dangling escape). */
export function truncate(text: string, max: number): string {
  return clip(text, max, { unsafeTail: ESCAPE_TAIL });
}

/** A URL safe to use in a masked link or embed: http(s) only, with `(`, `)` and spaces percent-encoded; null otherwise. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/\(/g, "%28").replace(/\)/g, "%29");
}

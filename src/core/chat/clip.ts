/** How clip cuts. */
export interface ClipOptions {
  /** A tail that must not be left half cut (a markup escape or entity), removed before the ellipsis. */
  unsafeTail?: RegExp;
  /** Drop trailing whitespace before the ellipsis (plain-text fallbacks). Default false. */
  trimEnd?: boolean;
}

/**
 * Cuts `text` to at most `max` characters, ending with `…` when cut; never leaves half a
 * surrogate pair, nor (with `unsafeTail`) half an escape or entity. The one text cutter:
 * the core's fallback texts and every adapter's platform limits use it.
 */
export function clip(text: string, max: number, options: ClipOptions = {}): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1)).replace(/[\ud800-\udbff]$/, "");
  if (options.unsafeTail) cut = cut.replace(options.unsafeTail, "");
  if (options.trimEnd) cut = cut.trimEnd();
  return `${cut}…`;
}

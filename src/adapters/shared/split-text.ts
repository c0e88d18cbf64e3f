/**
 * Splits long text into pieces of at most `max` characters, at line ends, then spaces, then
 * anywhere; never inside a surrogate pair, nor (with `unsafeTail`) inside a markup escape or
 * entity. The one splitter both platforms' renderers use for their message-size limits.
 */
export function splitText(text: string, max: number, unsafeTail?: RegExp): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = window.lastIndexOf("\n");
    if (at < max / 2) at = window.lastIndexOf(" ");
    if (at < max / 2) at = max;
    const tail = unsafeTail?.exec(rest.slice(0, at));
    if (tail) at -= tail[0].length;
    if (/[\ud800-\udbff]$/.test(rest.slice(0, at))) at -= 1;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[ \n]/, "");
  }
  if (rest.trim().length > 0) parts.push(rest);
  return parts;
}

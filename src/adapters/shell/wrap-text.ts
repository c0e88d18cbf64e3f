/** Width used when the output is not a terminal (piped or redirected), in columns. */
export const DEFAULT_COLUMNS = 80;
/** Narrowest width wrapped to; a narrower terminal still gets lines of this many columns. */
const MIN_COLUMNS = 20;

/** Columns a string takes, counted in code points (an emoji or CJK character counts as one). */
function columns(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * The indentation of a line's continuation lines: its own leading whitespace, or, for a
 * numbered or bulleted item (` 1. Title`, `- item`), the column where the item's text
 * starts. Dropped when it would leave less than half the width.
 */
function hangingIndent(line: string, width: number): string {
  const item = /^(\s*)(\d{1,3}\.|[-*•])\s+(?=\S)/.exec(line);
  const hang = item ? " ".repeat(columns(item[0])) : (/^\s*/.exec(line)?.[0] ?? "");
  return columns(hang) * 2 > width ? "" : hang;
}

function wrapLine(line: string, width: number): string[] {
  if (columns(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const hang = hangingIndent(line, width);
  const out: string[] = [];
  let current = indent;
  let hasWord = false;
  let space = "";
  for (const token of line.slice(indent.length).match(/\S+|\s+/g) ?? []) {
    if (/^\s/.test(token)) {
      space = token;
      continue;
    }
    const joined = `${current}${hasWord ? space : ""}${token}`;
    if (!hasWord || columns(joined) <= width) current = joined;
    else {
      out.push(current);
      current = `${hang}${token}`;
    }
    hasWord = true;
    space = "";
  }
  out.push(current);
  return out;
}

/**
 * Wraps text to `width` columns at word boundaries, line by line: a word is never split
 * (one longer than the line, such as a URL, stays whole on a line of its own), spaces
 * between words on a line are kept, and continuation lines keep the line's indentation
 * (or hang under a numbered item's text). Pure.
 */
export function wrapText(text: string, width: number): string {
  const w = Math.max(MIN_COLUMNS, Math.floor(width) || DEFAULT_COLUMNS);
  return text.split("\n").flatMap((line) => wrapLine(line, w)).join("\n");
}

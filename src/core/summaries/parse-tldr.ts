/** A validated model TL;DR. */
export interface Tldr {
  /** Exactly three key points, plain text. */
  bullets: [string, string, string];
  /** One line on why the paper matters, plain text. */
  why: string;
}

const BULLET = /^(?:[-*•‣–]|\d{1,2}[.)])\s+(.+)$/;
const WHY = /^why it matters\s*[:\-–—]\s*(.+)$/i;
const HEADING = /^(?:tl;?dr|summary)\s*:?$/i;

/** Plain text of one line: markdown emphasis and stray backticks removed, whitespace collapsed. */
function plain(line: string): string {
  return line.replace(/\*\*|__|`/g, "").replace(/\s+/g, " ").trim();
}

/**
 * Validates a model's TL;DR: exactly three bullet lines, then one "Why it matters:" line
 * (an optional "TL;DR" heading and code fences are tolerated; anything else is rejected).
 * Returns null when the shape is wrong, so the caller falls back to the offline summary.
 */
export function parseTldr(text: string): Tldr | null {
  const lines = text
    .replace(/^\s*```[a-z]*\s*$/gim, "")
    .split(/\r?\n/)
    .map(plain)
    .filter((line) => line.length > 0);
  const bullets: string[] = [];
  let why: string | null = null;
  for (const [i, line] of lines.entries()) {
    const whyMatch = WHY.exec(line);
    if (whyMatch) {
      if (why !== null || bullets.length !== 3) return null;
      why = whyMatch[1]!.trim();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet && why === null) {
      bullets.push(bullet[1]!.trim());
      continue;
    }
    if (i === 0 && HEADING.test(line)) continue;
    return null;
  }
  if (bullets.length !== 3 || why === null) return null;
  const ok = (s: string, max: number): boolean => s.length >= 8 && s.length <= max;
  if (!bullets.every((b) => ok(b, 400)) || !ok(why, 400)) return null;
  return { bullets: [bullets[0]!, bullets[1]!, bullets[2]!], why };
}

/** Collapses every run of whitespace (newlines, hard-wrap indents, tabs) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Collapses whitespace and returns undefined for empty or missing text (so a merge leaves stored values alone). */
export function cleanOptional(text: string | null | undefined): string | undefined {
  if (typeof text !== "string") return undefined;
  const cleaned = collapseWhitespace(text);
  return cleaned.length > 0 ? cleaned : undefined;
}

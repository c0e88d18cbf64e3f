/** Marks that already end a sentence: no full stop is added after them. */
const FINAL_MARK = /[.?!…]["'”’»)\]]*$/u;

/**
 * Ends `text` with a full stop unless it already ends with `.`, `?`, `!` or `…` (also when
 * followed by a closing quote or bracket), so text ending in a user's own question mark does
 * not read "evaluate on?.". Trailing whitespace is dropped first; empty text stays empty.
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed === "" || FINAL_MARK.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

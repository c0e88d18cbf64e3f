/**
 * The surface forms of a word's family, lower-case, including the word itself:
 * `tokenization` → tokenization, tokenizations, tokenize, tokenizer, tokenizers, tokenized, ...
 * Unlike a stemmer it never maps a derived word back to a bare root (`token`), which is
 * what keeps "tokenization" from matching papers that merely mention tokens.
 * (Initial version; the topics module refines it.)
 */
export function wordFamily(word: string): string[] {
  const w = word.toLowerCase();
  const forms = new Set<string>([w]);
  if (w.length > 3 && !w.endsWith("s")) forms.add(`${w}s`);
  if (w.endsWith("s") && w.length > 4) forms.add(w.slice(0, -1));
  return [...forms];
}

/** Combining marks for TeX accent commands written with a symbol: \'e, \"o, \^a ... */
const SYMBOL_ACCENTS: Readonly<Record<string, string>> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
};

/** Combining marks for TeX accent commands written with a letter: \v{z}, \c c, \H{o} ... */
const LETTER_ACCENTS: Readonly<Record<string, string>> = {
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
};

/** TeX commands that stand for a whole letter. */
const LETTERS: Readonly<Record<string, string>> = {
  ss: "ß",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  o: "ø",
  O: "Ø",
  l: "ł",
  L: "Ł",
  i: "i",
  j: "j",
};

/**
 * Converts the TeX accents arXiv leaves in listing-feed author names and journal refs
 * (`Andr\'e`, `J\"org`, `Pi\v{z}urica`, `S{\o}gaard`, `Kra{\ss}`) to Unicode (NFC).
 * Text without a backslash is returned unchanged; unknown commands are left as they are.
 */
export function detexName(text: string): string {
  if (!text.includes("\\")) return text;
  let out = text.replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?/g, (_m, name: string) => LETTERS[name] ?? _m);
  out = out.replace(/\\(['`^"~=.])\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))/g, (_m, accent: string, braced?: string, bare?: string) => {
    return `${braced ?? bare ?? ""}${SYMBOL_ACCENTS[accent] ?? ""}`;
  });
  out = out.replace(/\\([uvHckr])(?:\s*\{\s*([A-Za-z])\s*\}|\s+([A-Za-z]))/g, (_m, accent: string, braced?: string, bare?: string) => {
    return `${braced ?? bare ?? ""}${LETTER_ACCENTS[accent] ?? ""}`;
  });
  out = out.replace(/\{([^{}\\]*)\}/g, "$1").replace(/\{([^{}\\]*)\}/g, "$1");
  return out.normalize("NFC");
}

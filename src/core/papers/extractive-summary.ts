/** Abbreviations after which a period never ends a sentence (lower-cased, without the final dot). */
const ABBREVIATIONS = new Set([
  "e.g", "i.e", "al", "cf", "vs", "viz", "fig", "figs", "eq", "eqs", "sec", "secs", "tab", "ref", "refs",
  "approx", "resp", "w.r.t", "no", "nos", "dr", "mr", "ms", "prof", "st", "jr", "vol", "pp", "ch", "app", "thm", "def",
]);

/** Words that carry no topic (kept short on purpose: the scoring only needs the obvious ones). */
const STOPWORDS = new Set(
  ("a an and are as at be been but by can for from has have in into is it its of on or our over such than that the their " +
    "them then there these they this those through to under up us using via was we were what when where which while who " +
    "will with within without also both each more most other some not only very well may might however thus here how new " +
    "based show shows paper propose proposed approach method methods results result work")
    .split(" "),
);

/** Phrases that mark a paper's contribution or main finding. */
const CUE = /\b(we (propose|present|introduce|show|demonstrate|develop|find|achieve|design|release|establish)|this paper (proposes|presents|introduces|shows)|our (method|approach|model|framework|results?|experiments?) (achieves?|outperforms?|shows?|improves?|reduces?|demonstrates?))\b/i;

/** Hides `$…$` math and `\cmd{…}` groups so periods inside them cannot end a sentence. */
function mask(text: string): { masked: string; spans: string[] } {
  const spans: string[] = [];
  const masked = text.replace(/\$\$[^$]*\$\$|\$[^$]*\$|\\[A-Za-z]+\{[^{}]*\}/g, (span) => {
    spans.push(span);
    return `\u0000${spans.length - 1}\u0000`;
  });
  return { masked, spans };
}

/** Puts masked spans back. */
function unmask(text: string, spans: string[]): string {
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => spans[Number(i)] ?? "");
}

/** True when the period at the end of `before` belongs to an abbreviation, an initial or a number. */
function isNonTerminal(before: string): boolean {
  const word = /(\S+)\.$/.exec(before)?.[1] ?? "";
  const bare = word.replace(/^[("'[]+/, "").toLowerCase();
  if (ABBREVIATIONS.has(bare)) return true;
  if (/^[A-Z]$/.test(word.replace(/^[("'[]+/, ""))) return true;
  return /^(?:[a-z]\.)+[a-z]$/i.test(bare);
}

/**
 * Splits an abstract into sentences. A sentence ends at `.`, `!` or `?` (plus closing
 * quotes or brackets) followed by whitespace and a capital, digit, bracket or `$`; never
 * after "e.g.", "i.e.", "et al.", "Fig.", single initials, inside decimals like 1.5, or
 * inside TeX math.
 */
export function splitSentences(text: string): string[] {
  const { masked, spans } = mask(text.replace(/\s+/g, " ").trim());
  const sentences: string[] = [];
  const boundary = /([.!?]["')\]]*)\s+(?=[A-Z0-9(["$\u0000])/g;
  let start = 0;
  for (let m = boundary.exec(masked); m; m = boundary.exec(masked)) {
    const end = m.index + m[1]!.length;
    const candidate = masked.slice(start, end);
    if (m[1]!.startsWith(".") && isNonTerminal(masked.slice(start, m.index + 1))) continue;
    sentences.push(candidate.trim());
    start = boundary.lastIndex;
  }
  sentences.push(masked.slice(start).trim());
  return sentences.filter((s) => s.length > 0).map((s) => unmask(s, spans));
}

/** Content words of a sentence, lower-cased and lightly stemmed (plural `s` dropped). */
function contentWords(sentence: string): string[] {
  const words = sentence.toLowerCase().replace(/\$[^$]*\$|\\[a-z]+/g, " ").match(/[a-z][a-z0-9-]+/g) ?? [];
  return words.filter((w) => w.length > 2 && !STOPWORDS.has(w)).map((w) => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Sentence weight by length in words: very short or very long sentences make poor summaries. */
function lengthFactor(words: number): number {
  if (words < 6) return 0.3;
  if (words < 10) return 0.75;
  if (words > 60) return 0.6;
  if (words > 45) return 0.85;
  return 1;
}

/** Scores each sentence: TF-IDF centrality against the whole abstract, a position prior and cue phrases. */
function scoreSentences(sentences: string[]): number[] {
  const bags = sentences.map(contentWords);
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of new Set(bag)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string): number => Math.log(1 + sentences.length / (df.get(w) ?? 1));
  const vector = (bag: string[]): Map<string, number> => {
    const v = new Map<string, number>();
    for (const w of bag) v.set(w, (v.get(w) ?? 0) + idf(w));
    return v;
  };
  const doc = vector(bags.flat());
  const norm = (v: Map<string, number>): number => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1;
  const docNorm = norm(doc);
  return sentences.map((sentence, i) => {
    const v = vector(bags[i]!);
    let dot = 0;
    for (const [w, x] of v) dot += x * (doc.get(w) ?? 0);
    const centrality = dot / (norm(v) * docNorm);
    const position = i === 0 ? 0.15 : i === sentences.length - 1 ? 0.03 : 0;
    const cue = CUE.test(sentence) ? 0.2 : 0;
    const numbers = /\d+(\.\d+)?\s*(%|x\b|×|times\b)/.test(sentence) ? 0.05 : 0;
    const words = sentence.split(/\s+/).length;
    return (centrality + position + cue + numbers) * lengthFactor(words);
  });
}

/**
 * The `maxSentences` most central sentences of an abstract, in their original order.
 * Deterministic and offline: TF-IDF centrality, a prior for the first sentence and for
 * "we propose/introduce/show" sentences, and a penalty for very short or long ones.
 * Returns [] for an empty abstract.
 */
export function extractiveSummary(abstract: string, maxSentences = 3): string[] {
  const sentences = splitSentences(abstract);
  if (sentences.length <= maxSentences) return sentences;
  const scores = scoreSentences(sentences);
  const chosen = sentences
    .map((_, i) => i)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, Math.max(0, maxSentences))
    .sort((a, b) => a - b);
  return chosen.map((i) => sentences[i]!);
}

/** Cuts `text` to at most `max` characters at a word boundary, ending with "…" when cut. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  const cut = space > max * 0.5 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, "")}…`;
}

/** One line for listings: HF's ai_summary when present, else the best abstract sentence; at most 300 characters. */
export function oneLineSummary(paper: { aiSummary: string | null; abstract: string }): string {
  const ai = paper.aiSummary?.replace(/\s+/g, " ").trim();
  const line = ai || (extractiveSummary(paper.abstract, 1)[0] ?? "");
  return truncateAtWord(line, 300);
}

import { splitSentences } from "../papers/extractive-summary.js";

/** Words that say nothing about what a question is after. */
const STOPWORDS = new Set(
  ("a an and are as at be been but by can could did do does for from had has have how i in into is it its of on or our " +
    "paper papers should so than that the their them then there these they this those to use used using via was we were " +
    "what when where which while who whom whose why will with would you your authors author study work about any also")
    .split(" "),
);

/** BM25 saturation. */
const K1 = 1.2;
/** BM25 length normalisation. */
const B = 0.75;

/** Suffixes stripped for matching, longest first (recall matters here: evaluation ~ evaluate, trained ~ training). */
const SUFFIXES = ["ations", "ation", "ators", "ator", "ments", "ment", "ings", "ness", "ing", "ies", "ate", "ers", "ed", "er", "es", "ly", "s"];

/** A crude stem: the first listed suffix removed when at least four letters remain. */
function stem(word: string): string {
  if (word.endsWith("ss")) return word;
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Lower-cased, stemmed content words. */
function terms(text: string): string[] {
  const words = text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map(stem);
}

/** Sentences of a text of paragraphs, skipping fragments and run-ons that read badly alone. */
export function passageCandidates(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => splitSentences(paragraph))
    .filter((s) => s.length >= 30 && s.length <= 700);
}

/**
 * The `max` sentences of `text` most relevant to `question` by BM25 (sentences as
 * documents), in the order they appear in the text. Deterministic and offline; [] when no
 * sentence shares a content word with the question.
 */
export function relevantPassages(text: string, question: string, max = 3): string[] {
  const sentences = passageCandidates(text);
  const query = [...new Set(terms(question))];
  if (sentences.length === 0 || query.length === 0) return [];
  const docs = sentences.map(terms);
  const avg = docs.reduce((n, d) => n + d.length, 0) / docs.length || 1;
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const scores = docs.map((doc) => {
    let score = 0;
    for (const q of query) {
      const tf = doc.filter((t) => t === q).length;
      if (tf === 0) continue;
      const n = df.get(q) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avg));
    }
    return score;
  });
  const ranked = scores
    .map((score, i) => ({ score, i }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const top = ranked[0]?.score ?? 0;
  const chosen = ranked.slice(0, max).filter((x, rank) => rank < 2 || x.score >= top * 0.35);
  return chosen.sort((a, b) => a.i - b.i).map((x) => sentences[x.i]!);
}

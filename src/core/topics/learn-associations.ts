import type { MatchablePaper } from "./prepare-paper.js";
import type { LearnedTerm } from "./prepare-query.js";
import { STOPWORDS, wordChunks } from "./text-tokens.js";
import { phraseKey } from "./vocabulary-rules.js";

/**
 * Associations learned from the store: terms that co-occur with a topic in titles and HF
 * ai_keywords far above chance. Pure: counts in, counts out; a port persists them.
 * PMI(term, topic) = log2(n(term, topic) · N / (n(term) · n(topic))), where N counts papers,
 * n(term) the papers whose title or keywords hold the term, n(topic) the papers the topic
 * matches on its own words, and n(term, topic) both.
 */

/** Co-occurrence counts; additive, so a batch of new papers is merged without recounting the store. */
export interface AssociationCounts {
  /** Papers counted. */
  papers: number;
  /** Term → papers whose title or keywords hold it. */
  termPapers: Map<string, number>;
  /** Topic key → papers it matched, and per term the matched papers holding it. */
  topics: Map<string, { papers: number; cooccur: Map<string, number> }>;
}

/** Limits on what is learned; defaults are conservative (precision first). */
export interface LearnOptions {
  /** Fewest topic papers that must hold the term (default 3): one paper's wording is not a pattern. */
  minSupport?: number;
  /** Least PMI in bits (default 2: four times more often than chance). */
  minPmi?: number;
  /** Least share of the term's papers that the topic matches (default 0.75), so a broad term is not learned. */
  minConfidence?: number;
  /** Most terms learned per topic (default 8). */
  cap?: number;
}

/** Common words of research titles and keywords that never carry a topic; never learned, whatever their PMI. */
export const LEARNING_STOPWORDS: ReadonlySet<string> = new Set([
  ...STOPWORDS, "we", "our", "this", "that", "its", "it", "not", "can", "do", "does", "how", "what", "when", "why", "without",
  "towards", "toward", "through", "beyond", "over", "under", "across", "between", "vs", "versus", "all", "any", "more", "less",
  "new", "novel", "model", "models", "learning", "learn", "method", "methods", "approach", "approaches", "framework", "study",
  "analysis", "data", "dataset", "datasets", "benchmark", "benchmarks", "evaluation", "efficient", "large", "small", "scale",
  "scaling", "deep", "neural", "network", "networks", "language", "training", "task", "tasks", "performance", "improving",
  "improves", "improved", "better", "simple", "towards", "via", "using", "based", "system", "systems", "paper", "results",
]);

/** Empty counts. */
export function emptyCounts(): AssociationCounts {
  return { papers: 0, termPapers: new Map(), topics: new Map() };
}

/** The terms a paper contributes: title words and whole HF keywords (up to 4 words), lower-case; stopwords, numbers and 1-2 letter words left out. */
export function paperTerms(paper: Pick<MatchablePaper, "title" | "aiKeywords">): Set<string> {
  const out = new Set<string>();
  const add = (words: string[]) => {
    if (words.length === 0 || words.every((w) => LEARNING_STOPWORDS.has(w) || w.length < 3 || /^\p{N}+$/u.test(w))) return;
    out.add(words.join(" "));
  };
  for (const chunk of wordChunks(paper.title)) for (const w of chunk) add([w]);
  for (const k of paper.aiKeywords) {
    const words = wordChunks(k).flat();
    if (words.length <= 4) add(words);
  }
  return out;
}

/**
 * Counts a batch of new papers: `matches(topicKey, paper)` says whether a topic matches a paper
 * on its own words. Returns the batch's counts; merge them into the stored ones with mergeCounts.
 */
export function countBatch(papers: readonly MatchablePaper[], topicKeys: readonly string[], matches: (topicKey: string, paper: MatchablePaper) => boolean): AssociationCounts {
  const delta = emptyCounts();
  for (const paper of papers) {
    const terms = paperTerms(paper);
    delta.papers += 1;
    for (const t of terms) delta.termPapers.set(t, (delta.termPapers.get(t) ?? 0) + 1);
    for (const key of topicKeys) {
      if (!matches(key, paper)) continue;
      let topic = delta.topics.get(key);
      if (!topic) delta.topics.set(key, (topic = { papers: 0, cooccur: new Map() }));
      topic.papers += 1;
      for (const t of terms) topic.cooccur.set(t, (topic.cooccur.get(t) ?? 0) + 1);
    }
  }
  return delta;
}

/** Adds `delta` into `into` (mutating it) and returns it: the incremental update on ingest. */
export function mergeCounts(into: AssociationCounts, delta: AssociationCounts): AssociationCounts {
  into.papers += delta.papers;
  for (const [t, n] of delta.termPapers) into.termPapers.set(t, (into.termPapers.get(t) ?? 0) + n);
  for (const [key, d] of delta.topics) {
    let topic = into.topics.get(key);
    if (!topic) into.topics.set(key, (topic = { papers: 0, cooccur: new Map() }));
    topic.papers += d.papers;
    for (const [t, n] of d.cooccur) topic.cooccur.set(t, (topic.cooccur.get(t) ?? 0) + n);
  }
  return into;
}

/** A learned term with the counts behind it. */
export interface LearnedAssociation extends LearnedTerm {
  /** The term as counted (a word-family key or a keyword phrase). */
  term: string;
  /** Topic papers holding the term. */
  support: number;
}

/**
 * The terms a topic has learned, strongest first: support ≥ minSupport, PMI ≥ minPmi, share of
 * the term's papers matched by the topic ≥ minConfidence, at most `cap`; never a stopword, a
 * word of the topic itself (`ownWords`) or a term the channel dropped.
 */
export function learnedTerms(
  counts: AssociationCounts,
  topicKey: string,
  ownWords: readonly string[],
  options: LearnOptions = {},
  dropped: ReadonlySet<string> = new Set(),
): LearnedAssociation[] {
  const { minSupport = 3, minPmi = 2, minConfidence = 0.75, cap = 8 } = options;
  const topic = counts.topics.get(topicKey);
  if (!topic || topic.papers === 0 || counts.papers === 0) return [];
  const own = new Set(ownWords.map((w) => phraseKey([w])));
  const out: LearnedAssociation[] = [];
  for (const [term, co] of topic.cooccur) {
    if (co < minSupport || dropped.has(term)) continue;
    const words = term.split(" ");
    if (words.every((w) => own.has(phraseKey([w])) || LEARNING_STOPWORDS.has(w))) continue;
    const n = counts.termPapers.get(term) ?? co;
    if (co / n < minConfidence) continue;
    const pmi = Math.log2((co * counts.papers) / (n * topic.papers));
    if (pmi >= minPmi) out.push({ term, words, pmi: Math.round(pmi * 10) / 10, support: co });
  }
  return out.sort((a, b) => b.pmi - a.pmi || b.support - a.support || (a.term < b.term ? -1 : 1)).slice(0, cap);
}

/** One line for `/papers topics`: `"bpe" (PMI 4.1, 5 papers)`. */
export function explainLearned(t: LearnedAssociation): string {
  return `"${t.term}" (PMI ${t.pmi.toFixed(1)}, ${t.support} papers)`;
}

/** Where learned counts and a channel's dropped terms live (SQLite/Postgres implementations outside the core). */
export interface TopicAssociationStore {
  /** The store-wide counts (papers, and the papers of each term these topics co-occur with) and the counts of `topicKeys` only. */
  loadCounts(topicKeys: readonly string[]): Promise<AssociationCounts>;
  /** Adds a batch's counts (from countBatch) to the stored ones; a topic in `delta.topics` is marked counted even with 0 papers. */
  addCounts(delta: AssociationCounts): Promise<void>;
  /** Topic keys whose counts exist (counted since the store began, or backfilled when first followed). */
  countedTopics(): Promise<Set<string>>;
  /** Terms a manager dropped from a topic in one conversation. */
  droppedTerms(conversation: string, topic: string): Promise<Set<string>>;
  /** Drops a learned term from a topic in one conversation (`by` a user, `at` ISO); returns false when it was already dropped. */
  dropTerm(conversation: string, topic: string, term: string, by: string, at: string): Promise<boolean>;
}

import type { Logger } from "../logger.js";
import type { Paper } from "../papers/paper.js";
import type { PaperStore } from "../papers/paper-store.js";
import { indexPapers, matchIndexed } from "./index-papers.js";
import { emptyCounts, learnedTerms, paperTerms, type AssociationCounts, type LearnedAssociation, type TopicAssociationStore } from "./learn-associations.js";
import { parseTopicQuery } from "./parse-topic-query.js";
import { preparePaper } from "./prepare-paper.js";
import { prepareQuery } from "./prepare-query.js";
import type { SubscriptionStore } from "./subscription-store.js";
import type { TopicQuery } from "./topic-query.js";
import type { TopicPorts } from "./topic-ports.js";

/** Papers counted per pass of a backfill: bounds the memory of one inverted index. */
const BACKFILL_CHUNK = 2000;

/** The key counts and feedback are stored under: the topic as typed, trimmed and lower-cased (as subscriptions key it). */
export function topicKeyOf(topic: string): string {
  return topic.trim().toLowerCase();
}

/** What learning reads and writes. */
export interface TopicLearningDeps {
  /** Stored papers (the batch just stored; every paper for a backfill). */
  papers: PaperStore;
  /** Which topics are followed, so only those are counted. */
  subscriptions: SubscriptionStore;
  /** Where counts and dropped terms live. */
  associations: TopicAssociationStore;
  /** Logger. */
  logger: Logger;
}

/**
 * What each topic has learned, for one conversation (its dropped terms left out; none when
 * `conversation` is null): [] for every topic until `learnAfterPapers` papers are counted.
 * Keyed by topicKeyOf.
 */
export async function learnedFor(ports: Pick<TopicPorts, "associations" | "learnAfterPapers">, conversation: string | null, topics: readonly string[]): Promise<Map<string, LearnedAssociation[]>> {
  const out = new Map<string, LearnedAssociation[]>();
  const queries = parseAll(topics);
  const counts = await ports.associations.loadCounts([...queries.keys()]);
  for (const [key, query] of queries) {
    if (counts.papers < ports.learnAfterPapers) {
      out.set(key, []);
      continue;
    }
    const dropped = conversation ? await ports.associations.droppedTerms(conversation, key) : new Set<string>();
    out.set(key, learnedTerms(counts, key, ownWords(query), {}, dropped));
  }
  return out;
}


/** Learned associations over the store: counted on every ingest batch, read per conversation. */
export interface TopicLearning {
  /** Counts the papers just stored (`ids`) for every followed topic; starts the counts from the whole store the first time. Never throws. */
  learnBatch(ids: readonly string[]): Promise<void>;
  /** Backfills topics never counted (a topic followed for the first time) over every stored paper, so its counts cover the same papers as the store-wide ones. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Papers counted so far. */
  papersCounted(): Promise<number>;
}

/** A topic's positive words, lower-case: a learned term is never one of them. */
export function ownWords(query: TopicQuery): string[] {
  return query.anyOf.flat().flatMap((t) => (t.kind === "word" ? [t.text] : t.words));
}

/** Counts `papers` for the topics in `queries`: store-wide term counts, and per topic the papers it matches on its own words (vocabulary included). */
function countPapers(papers: readonly Paper[], queries: ReadonlyMap<string, TopicQuery>, withTotals: boolean): AssociationCounts {
  const delta = emptyCounts();
  for (const key of queries.keys()) delta.topics.set(key, { papers: 0, cooccur: new Map() });
  const terms = new Map<string, Set<string>>();
  for (const paper of papers) {
    const set = paperTerms(paper);
    terms.set(paper.id, set);
    if (!withTotals) continue;
    delta.papers += 1;
    for (const t of set) delta.termPapers.set(t, (delta.termPapers.get(t) ?? 0) + 1);
  }
  if (queries.size === 0 || papers.length === 0) return delta;
  const index = indexPapers(papers.map(preparePaper));
  for (const [key, query] of queries) {
    const topic = delta.topics.get(key)!;
    for (const m of matchIndexed(prepareQuery(query, index.terms), index)) {
      topic.papers += 1;
      for (const t of terms.get(m.paper.id) ?? []) topic.cooccur.set(t, (topic.cooccur.get(t) ?? 0) + 1);
    }
  }
  return delta;
}

/** Parses topics into a key → query map; unparsable stored topics are skipped. */
function parseAll(topics: Iterable<string>): Map<string, TopicQuery> {
  const out = new Map<string, TopicQuery>();
  for (const topic of topics) {
    try {
      out.set(topicKeyOf(topic), parseTopicQuery(topic));
    } catch {
      continue;
    }
  }
  return out;
}

/**
 * Builds the learning use case. Counting runs one job at a time (a promise chain), so a
 * backfill and an ingest batch never count the same papers twice.
 */
export function createTopicLearning(deps: TopicLearningDeps): TopicLearning {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };

  /** Counts every stored paper for `queries` (with the store-wide totals when `withTotals`). */
  async function backfill(queries: Map<string, TopicQuery>, withTotals: boolean): Promise<void> {
    const all = await deps.papers.listSince("0000-01-01");
    if (all.length === 0) await deps.associations.addCounts(countPapers([], queries, withTotals));
    for (let i = 0; i < all.length; i += BACKFILL_CHUNK) await deps.associations.addCounts(countPapers(all.slice(i, i + BACKFILL_CHUNK), queries, withTotals));
    deps.logger.info({ papers: all.length, topics: queries.size, totals: withTotals }, "topic associations backfilled");
  }

  /** True once store-wide counting has started; else starts it from every stored paper and every followed topic. */
  async function started(): Promise<boolean> {
    if ((await deps.associations.loadCounts([])).papers > 0) return true;
    if ((await deps.papers.count()) === 0) return true;
    const followed = parseAll((await deps.subscriptions.listAll()).map((s) => s.topic));
    await backfill(followed, true);
    return false;
  }

  async function ensureUnlocked(topics: readonly string[]): Promise<void> {
    const counted = await deps.associations.countedTopics();
    const missing = parseAll(topics.filter((t) => !counted.has(topicKeyOf(t))));
    if (missing.size > 0) await backfill(missing, false);
  }

  return {
    learnBatch: (ids) =>
      serial(async () => {
        if (ids.length === 0) return;
        try {
          if (!(await started())) return;
          const followed = (await deps.subscriptions.listAll()).map((s) => s.topic);
          await ensureUnlocked(followed);
          const papers = await deps.papers.getMany([...ids]);
          await deps.associations.addCounts(countPapers(papers, parseAll(followed), true));
        } catch (err) {
          deps.logger.warn({ err: err instanceof Error ? err.message : String(err), papers: ids.length }, "topic associations not updated for this batch");
        }
      }),
    ensureTopics: (topics) =>
      serial(async () => {
        if (await started()) await ensureUnlocked(topics);
      }),
    papersCounted: async () => (await deps.associations.loadCounts([])).papers,
  };
}

import type { AssociationCounts, TopicAssociationStore } from "../core/topics/learn-associations.js";
import type { OpenDatabase } from "./open-database.js";

/** Rows of topic_cooccurrence are read in chunks of this many topics (SQLite's variable limit). */
const CHUNK = 400;

/**
 * The TopicAssociationStore port over SQLite: one additive table of counts (see the schema's
 * topic_cooccurrence for its row kinds) and one of dropped terms. Loading reads only the
 * asked topics and the store-wide counts of the terms they co-occur with.
 */
export function createSqliteTopicAssociationStore(open: OpenDatabase): TopicAssociationStore {
  const { sqlite } = open;
  const bump = sqlite.prepare("INSERT INTO topic_cooccurrence (topic_key, term, papers) VALUES (?, ?, ?) ON CONFLICT (topic_key, term) DO UPDATE SET papers = papers + excluded.papers");
  const total = sqlite.prepare("SELECT papers FROM topic_cooccurrence WHERE topic_key = '' AND term = ''");
  const counted = sqlite.prepare("SELECT topic_key FROM topic_cooccurrence WHERE term = '' AND topic_key <> ''");
  const dropped = sqlite.prepare("SELECT term FROM topic_dropped_terms WHERE conversation = ? AND topic_key = ? ORDER BY term");
  const drop = sqlite.prepare("INSERT INTO topic_dropped_terms (conversation, topic_key, term, dropped_by, dropped_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  const add = sqlite.transaction((delta: AssociationCounts) => {
    if (delta.papers > 0) bump.run("", "", delta.papers);
    for (const [term, n] of delta.termPapers) bump.run("", term, n);
    for (const [key, topic] of delta.topics) {
      bump.run(key, "", topic.papers);
      for (const [term, n] of topic.cooccur) bump.run(key, term, n);
    }
  });

  return {
    async loadCounts(topicKeys) {
      const counts: AssociationCounts = { papers: (total.get() as { papers: number } | undefined)?.papers ?? 0, termPapers: new Map(), topics: new Map() };
      const keys = [...new Set(topicKeys)].filter((k) => k !== "");
      const terms = new Set<string>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const part = keys.slice(i, i + CHUNK);
        const rows = sqlite.prepare(`SELECT topic_key, term, papers FROM topic_cooccurrence WHERE topic_key IN (${part.map(() => "?").join(",")})`).all(...part) as { topic_key: string; term: string; papers: number }[];
        for (const row of rows) {
          let topic = counts.topics.get(row.topic_key);
          if (!topic) counts.topics.set(row.topic_key, (topic = { papers: 0, cooccur: new Map() }));
          if (row.term === "") topic.papers = row.papers;
          else {
            topic.cooccur.set(row.term, row.papers);
            terms.add(row.term);
          }
        }
      }
      const list = [...terms];
      for (let i = 0; i < list.length; i += CHUNK) {
        const part = list.slice(i, i + CHUNK);
        const rows = sqlite.prepare(`SELECT term, papers FROM topic_cooccurrence WHERE topic_key = '' AND term IN (${part.map(() => "?").join(",")})`).all(...part) as { term: string; papers: number }[];
        for (const row of rows) counts.termPapers.set(row.term, row.papers);
      }
      return counts;
    },
    async addCounts(delta) {
      add(delta);
    },
    countedTopics: async () => new Set((counted.all() as { topic_key: string }[]).map((r) => r.topic_key)),
    droppedTerms: async (conversation, topic) => new Set((dropped.all(conversation, topic) as { term: string }[]).map((r) => r.term)),
    dropTerm: async (conversation, topic, term, by, at) => drop.run(conversation, topic, term, by, at).changes > 0,
  };
}

import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/*
 * Caches and learned state: model summaries and their daily budget, topic co-occurrence
 * counts, dropped terms, feedback and embeddings. Re-exported by ./schema.ts; the SQLite
 * twin is ../cache-and-learning-schema.ts (test/db/schema-parity.test.ts holds them together).
 */

/** Cached model TL;DRs and fetched full texts, shared by every channel: one request serves them all. */
export const summaries = pgTable(
  "summaries",
  {
    /** Versionless paper id. */
    paperId: text("paper_id").notNull(),
    /** `tldr` (model output, JSON) or `full-text` (extracted arXiv HTML, plain text). */
    kind: text("kind").notNull(),
    /** Configured model name for `tldr`; the source (`arxiv-html`) for `full-text`. */
    model: text("model").notNull(),
    /** The cached text; "" for a full text that does not exist. */
    text: text("text").notNull(),
    /** The model as the provider reported it (or the source name). */
    writtenBy: text("written_by").notNull(),
    /** Paper version when cached; a newer version makes the row stale. */
    paperVersion: integer("paper_version"),
    /** When cached (ISO). */
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.kind, t.model] })],
);

/** Language-model requests made per UTC day, against `llm.dailyRequestBudget`. */
export const llmUsage = pgTable("llm_usage", {
  /** UTC day, YYYY-MM-DD. */
  day: text("day").primaryKey(),
  /** Requests sent that day (failed ones included). */
  requests: integer("requests").notNull().default(0),
});

/**
 * Co-occurrence counts behind learned topic terms (core/topics/learn-associations.ts), additive
 * per ingest batch. Row kinds: (topic_key '', term '') = papers counted; ('', term) = papers
 * whose title or keywords hold the term; (topic, '') = papers the topic matched on its own
 * words; (topic, term) = those of them holding the term.
 */
export const topicCooccurrence = pgTable(
  "topic_cooccurrence",
  {
    /** Lower-cased topic text, or '' for the store-wide rows. */
    topicKey: text("topic_key").notNull(),
    /** Term as paperTerms keys it, or '' for the topic's (or store's) paper count. */
    term: text("term").notNull(),
    /** Papers counted for this (topic, term). */
    papers: integer("papers").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topicKey, t.term] })],
);

/** Learned terms a channel manager dropped from one topic in one conversation. */
export const topicDroppedTerms = pgTable(
  "topic_dropped_terms",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** Lower-cased topic text. */
    topicKey: text("topic_key").notNull(),
    /** The dropped term, as /papers topics lists it. */
    term: text("term").notNull(),
    /** Who dropped it. */
    droppedBy: text("dropped_by").notNull(),
    /** When (ISO). */
    droppedAt: text("dropped_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversation, t.topicKey, t.term] })],
);

/** A channel's feedback on a topic's papers (upvotes, "more like this", "not this"): the latest per person and paper. */
export const topicFeedback = pgTable(
  "topic_feedback",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** Lower-cased topic text. */
    topicKey: text("topic_key").notNull(),
    /** Versionless paper id. */
    paperId: text("paper_id").notNull(),
    /** Opaque user id. */
    userId: text("user_id").notNull(),
    /** `up`, `more` or `less`. */
    kind: text("kind").notNull(),
    /** The paper's title when voted (its terms are the profile's features). */
    title: text("title").notNull(),
    /** JSON array of the paper's HF ai_keywords when voted. */
    aiKeywords: text("ai_keywords").notNull().default("[]"),
    /** When (ISO). */
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversation, t.topicKey, t.paperId, t.userId] }), index("topic_feedback_paper").on(t.conversation, t.paperId)],
);

/** Embedding vectors of papers and topics, one per text and model, so each is requested once. */
export const embeddings = pgTable("embeddings", {
  /** `model:paper:<id>` or `model:topic:<text>`. */
  cacheKey: text("cache_key").primaryKey(),
  /** JSON array of numbers. */
  vector: text("vector").notNull(),
  /** When stored (ISO). */
  createdAt: text("created_at").notNull(),
});

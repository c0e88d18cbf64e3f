import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Papers, one row per versionless arXiv id. `pk` is the rowid the FTS index points at. */
export const papers = sqliteTable("papers", {
  /** Integer rowid used by the papers_fts external-content index. */
  pk: integer("pk").primaryKey({ autoIncrement: true }),
  /** Versionless arXiv id. */
  id: text("id").notNull().unique(),
  /** Highest version seen, or null. */
  version: integer("version"),
  /** Title, whitespace collapsed. */
  title: text("title").notNull(),
  /** Abstract, whitespace collapsed ("" when unknown). */
  abstract: text("abstract").notNull().default(""),
  /** JSON array of author names. */
  authors: text("authors").notNull().default("[]"),
  /** arXiv v1 submission time (ISO). */
  publishedAt: text("published_at"),
  /** Newest version submission time (ISO). */
  updatedAt: text("updated_at"),
  /** JSON array of categories, primary first. */
  categories: text("categories").notNull().default("[]"),
  /** HF upvotes. */
  hfUpvotes: integer("hf_upvotes"),
  /** HF comment count. */
  hfComments: integer("hf_comments"),
  /** HF ai_summary. */
  aiSummary: text("ai_summary"),
  /** JSON array of HF ai_keywords. */
  aiKeywords: text("ai_keywords").notNull().default("[]"),
  /** GitHub repo URL. */
  githubRepo: text("github_repo"),
  /** GitHub stars. */
  githubStars: integer("github_stars"),
  /** Project page URL. */
  projectPage: text("project_page"),
  /** Thumbnail URL. */
  thumbnail: text("thumbnail"),
  /** DOI. */
  doi: text("doi"),
  /** Journal reference. */
  journalRef: text("journal_ref"),
  /** arXiv comment. */
  comment: text("comment"),
  /** Source of the stored title/abstract/authors/categories (`arxiv-api` outranks `hf` and `arxiv-rss`); null before this column existed. */
  metaSource: text("meta_source"),
  /** When first stored (ISO). */
  firstSeenAt: text("first_seen_at").notNull(),
  /** When last merged into (ISO). */
  lastSeenAt: text("last_seen_at").notNull(),
});

/** The days a paper was listed: on HF Daily Papers (`hf`) or in an arXiv feed (`arxiv`). */
export const paperListings = sqliteTable(
  "paper_listings",
  {
    /** Versionless paper id. */
    paperId: text("paper_id").notNull(),
    /** `hf` or `arxiv`. */
    source: text("source").notNull(),
    /** YYYY-MM-DD. */
    day: text("day").notNull(),
    /** arXiv announce type (`new`, `cross`, ...), null for HF. */
    announceType: text("announce_type"),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.source, t.day] }), index("paper_listings_day").on(t.source, t.day)],
);

/** Channel topic subscriptions. */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    /** Row id. */
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Opaque conversation reference. */
    conversation: text("conversation").notNull(),
    /** Platform name. */
    platform: text("platform").notNull(),
    /** Guild or workspace id. */
    workspace: text("workspace").notNull(),
    /** Topic as typed. */
    topic: text("topic").notNull(),
    /** Lower-cased topic, for uniqueness. */
    topicKey: text("topic_key").notNull(),
    /** Who added it. */
    addedBy: text("added_by").notNull(),
    /** When (ISO). */
    addedAt: text("added_at").notNull(),
  },
  (t) => [uniqueIndex("subscriptions_conversation_topic").on(t.conversation, t.topicKey)],
);

/** Per-channel delivery settings (used by the scheduler). */
export const channelSettings = sqliteTable("channel_settings", {
  /** Opaque conversation reference. */
  conversation: text("conversation").primaryKey(),
  /** Platform name. */
  platform: text("platform").notNull(),
  /** Guild or workspace id. */
  workspace: text("workspace").notNull(),
  /** Local post time HH:MM, or null when no daily post is scheduled. */
  postTime: text("post_time"),
  /** IANA timezone for postTime. */
  timezone: text("timezone").notNull().default("UTC"),
  /** Comma-separated ISO weekdays (1 = Monday … 7 = Sunday). */
  days: text("days").notNull().default("1,2,3,4,5,6,7"),
  /** Most papers per post. */
  maxPapers: integer("max_papers").notNull().default(10),
  /** Minimum HF upvotes for a paper to be posted. */
  minUpvotes: integer("min_upvotes").notNull().default(0),
  /** `all` or `topics`. */
  mode: text("mode").notNull().default("all"),
  /** 1 when paused. */
  paused: integer("paused", { mode: "boolean" }).notNull().default(false),
  /** Why it was paused (user or repeated failures). */
  pausedReason: text("paused_reason"),
  /** `latest` (catch up the most recent missed day), `all`, or `skip`. */
  catchUp: text("catch_up").notNull().default("latest"),
  /** 1 to post papers in a thread under the header. */
  useThread: integer("use_thread", { mode: "boolean" }).notNull().default(false),
  /** Consecutive permanent delivery failures; reset by a successful post. */
  failureCount: integer("failure_count").notNull().default(0),
  /** The last delivery failure, one line. */
  lastError: text("last_error"),
  /** Last change (ISO). */
  updatedAt: text("updated_at").notNull(),
});

/** Local upvotes: one per (conversation, paper, user). */
export const votes = sqliteTable(
  "votes",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** Versionless paper id. */
    paperId: text("paper_id").notNull(),
    /** Opaque user id. */
    userId: text("user_id").notNull(),
    /** Guild or workspace id. */
    workspace: text("workspace").notNull(),
    /** `reaction`, `button` or `command`. */
    via: text("via").notNull(),
    /** When (ISO). */
    at: text("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversation, t.paperId, t.userId] }),
    index("votes_workspace").on(t.workspace, t.at),
    index("votes_conversation_at").on(t.conversation, t.at),
  ],
);

/** What holds each vote: a vote exists while any of its sources does (a reaction on a message, the button, the command). */
export const voteSources = sqliteTable(
  "vote_sources",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** Versionless paper id. */
    paperId: text("paper_id").notNull(),
    /** Opaque user id. */
    userId: text("user_id").notNull(),
    /** `command`, `button`, or `reaction:<message ref>:<emoji key>` (`reaction:legacy` for votes kept from before sources). */
    source: text("source").notNull(),
    /** Guild or workspace id. */
    workspace: text("workspace").notNull(),
    /** When the source was added (ISO). */
    at: text("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversation, t.paperId, t.userId, t.source] })],
);

/** Ingest-run ledger. */
export const ingestRuns = sqliteTable("ingest_runs", {
  /** Row id. */
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** `hf`, `arxiv-rss`, `arxiv-api`, `file`. */
  source: text("source").notNull(),
  /** Day fetched, or null. */
  day: text("day"),
  /** Start (ISO). */
  startedAt: text("started_at").notNull(),
  /** End (ISO), null while running. */
  finishedAt: text("finished_at"),
  /** `running`, `ok`, `partial`, `failed`. */
  status: text("status").notNull(),
  /** Papers stored for the first time. */
  papersNew: integer("papers_new").notNull().default(0),
  /** Papers merged into. */
  papersUpdated: integer("papers_updated").notNull().default(0),
  /** JSON array of {ref, reason}. */
  bad: text("bad").notNull().default("[]"),
  /** Failure reason. */
  error: text("error"),
});

/** Platform event ids already processed, so a replayed event counts once. */
export const processedEvents = sqliteTable("processed_events", {
  /** Platform-qualified event id. */
  eventKey: text("event_key").primaryKey(),
  /** When first seen (ISO). */
  at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** One scheduled digest of one channel for one digest day: the lease that makes delivery exactly-once. */
export const digestRuns = sqliteTable(
  "digest_runs",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** The channel-local date of the scheduled post (YYYY-MM-DD). */
    digestDay: text("digest_day").notNull(),
    /** `running`, `sent`, `notice`, `failed`, `skipped`. */
    status: text("status").notNull(),
    /** Process that holds the lease (random per process). */
    owner: text("owner").notNull(),
    /** Lease expiry (ISO); another process may take over a running digest after it. */
    leaseUntil: text("lease_until").notNull(),
    /** When the post was due (ISO). */
    scheduledFor: text("scheduled_for"),
    /** Start (ISO). */
    startedAt: text("started_at").notNull(),
    /** End (ISO). */
    finishedAt: text("finished_at"),
    /** 1 when posted late, after downtime. */
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    /** Paper messages sent. */
    papersSent: integer("papers_sent").notNull().default(0),
    /** Outcome detail or failure reason, one line. */
    detail: text("detail"),
  },
  (t) => [primaryKey({ columns: [t.conversation, t.digestDay] }), index("digest_runs_started").on(t.startedAt)],
);

/** Every message a digest sent (or was sending), keyed so a restart never sends it twice. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    /** Conversation reference. */
    conversation: text("conversation").notNull(),
    /** Digest day (see digest_runs). */
    digestDay: text("digest_day").notNull(),
    /** `header`, `notice` or `paper:<id>`. */
    itemKey: text("item_key").notNull(),
    /** Versionless paper id for paper messages. */
    paperId: text("paper_id"),
    /** Platform message reference once sent. */
    messageRef: text("message_ref"),
    /** `sending` (claimed, outcome unknown), `sent`, `failed`. */
    status: text("status").notNull(),
    /** When claimed (ISO). */
    claimedAt: text("claimed_at").notNull(),
    /** When the platform confirmed it (ISO). */
    sentAt: text("sent_at"),
    /** Failure reason. */
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.conversation, t.digestDay, t.itemKey] }),
    uniqueIndex("deliveries_message_ref").on(t.messageRef),
    index("deliveries_paper").on(t.conversation, t.paperId),
    index("deliveries_sent_at").on(t.sentAt),
  ],
);

export * from "./cache-and-learning-schema.js";
export * from "./coordination-schema.js";

import { z } from "zod";
import { BotError } from "../errors.js";

/** The export format version this bot writes and reads; a file with a higher one is refused. */
export const STORE_DOCUMENT_VERSION = 1;

/** What `format` says, so a stray JSON file is not mistaken for an export. */
export const STORE_DOCUMENT_FORMAT = "papers-bot-export";

const iso = z.string().min(10).max(40);
const text = (max: number) => z.string().max(max);

const settingsSchema = z.strictObject({
  /** Local post time HH:MM, or null when no daily post is scheduled. */
  postTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM").nullable(),
  /** IANA timezone of postTime. */
  timezone: text(64).min(1),
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).max(7),
  /** Most papers per post. */
  maxPapers: z.number().int().min(1).max(100),
  /** Minimum HF upvotes. */
  minUpvotes: z.number().int().min(0),
  /** `all` or `topics`. */
  mode: z.enum(["all", "topics"]),
  /** Paused or not. */
  paused: z.boolean(),
  /** Why it was paused. */
  pausedReason: text(500).nullable(),
  /** Catch-up policy after downtime. */
  catchUp: z.enum(["latest", "all", "skip"]),
  /** Papers in a thread under the header. */
  useThread: z.boolean(),
  /** Consecutive permanent delivery failures. */
  failureCount: z.number().int().min(0),
  /** The last delivery failure. */
  lastError: text(500).nullable(),
  /** Last change, ISO 8601. */
  updatedAt: iso,
});

const channelSchema = z.strictObject({
  /** Opaque conversation reference. */
  conversation: text(200).min(1),
  /** Platform name. */
  platform: text(40).min(1),
  /** Guild or workspace id. */
  workspace: text(200),
  /** Schedule and settings, or null when the channel never changed them (defaults apply). */
  settings: settingsSchema.nullable(),
  /** Topics it follows. */
  subscriptions: z.array(
    z.strictObject({
      /** Topic as typed. */
      topic: text(500).min(1),
      /** Lower-cased topic, the uniqueness key. */
      topicKey: text(500).min(1),
      /** Who added it. */
      addedBy: text(200),
      /** When, ISO 8601. */
      addedAt: iso,
    }),
  ),
});

const voteSchema = z.strictObject({
  conversation: text(200).min(1),
  paperId: text(64).min(1),
  userId: text(200).min(1),
  workspace: text(200),
  via: z.enum(["reaction", "button", "command"]),
  at: iso,
});

const runSchema = z.strictObject({
  conversation: text(200).min(1),
  digestDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD"),
  status: z.enum(["running", "sent", "notice", "failed", "skipped"]),
  owner: text(100),
  leaseUntil: iso,
  scheduledFor: iso.nullable(),
  startedAt: iso,
  finishedAt: iso.nullable(),
  late: z.boolean(),
  papersSent: z.number().int().min(0),
  detail: text(1000).nullable(),
});

const deliverySchema = z.strictObject({
  conversation: text(200).min(1),
  digestDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD"),
  itemKey: text(100).min(1),
  paperId: text(64).nullable(),
  messageRef: text(300).nullable(),
  status: z.enum(["sending", "sent", "failed"]),
  claimedAt: iso,
  sentAt: iso.nullable(),
  error: text(1000).nullable(),
});

const droppedTermSchema = z.strictObject({
  conversation: text(200).min(1),
  topicKey: text(500).min(1),
  term: text(200).min(1),
  droppedBy: text(200),
  droppedAt: iso,
});

const feedbackSchema = z.strictObject({
  conversation: text(200).min(1),
  topicKey: text(500).min(1),
  paperId: text(64).min(1),
  userId: text(200).min(1),
  kind: z.enum(["up", "more", "less"]),
  title: text(2000),
  aiKeywords: z.array(text(200)).max(100),
  at: iso,
});

const installationSchema = z.strictObject({
  /** `T…` team id, or `E…` enterprise id for an org-wide install. */
  installKey: text(64).min(1),
  /** Team id, null for an org-wide install. */
  teamId: text(64).nullable(),
  /** Enterprise id, null outside Enterprise Grid. */
  enterpriseId: text(64).nullable(),
  /** The install as the Slack adapter sealed it (encrypted with SLACK_INSTALLATION_KEY; moves as it is). */
  sealed: text(100_000).min(1),
  /** First install, ISO 8601. */
  installedAt: iso,
  /** Last install or token update, ISO 8601. */
  updatedAt: iso,
});

/** The whole export document: what each channel configured, its votes, and the bot's saved delivery state. */
export const storeDocumentSchema = z.strictObject({
  /** Always STORE_DOCUMENT_FORMAT. */
  format: z.literal(STORE_DOCUMENT_FORMAT),
  /** Format version (STORE_DOCUMENT_VERSION when written by this bot). */
  version: z.literal(STORE_DOCUMENT_VERSION),
  /** Every channel with settings or subscriptions, by conversation. */
  channels: z.array(channelSchema),
  /** Local upvotes. */
  votes: z.array(voteSchema),
  /** Saved state: which digests ran and every message they posted (so nothing is posted twice, and reactions on old posts still count). */
  delivery: z.strictObject({ runs: z.array(runSchema), items: z.array(deliverySchema) }),
  /** Each channel's steering of its topics: learned terms a manager dropped, and the feedback votes (absent in older exports). Learned counts and embeddings are not exported: the store recomputes them. */
  topics: z.strictObject({ droppedTerms: z.array(droppedTermSchema), feedback: z.array(feedbackSchema) }).default({ droppedTerms: [], feedback: [] }),
  /** Slack workspaces installed through OAuth, still sealed (absent in older exports); the target needs the same SLACK_INSTALLATION_KEY to open them. */
  slackInstallations: z.array(installationSchema).default([]),
  /** Saved state: language-model requests made per UTC day (the daily budget). */
  llmUsage: z.array(z.strictObject({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD"), requests: z.number().int().min(0) })),
});

/** One export document (see storeDocumentSchema). */
export type StoreDocument = z.infer<typeof storeDocumentSchema>;

/** One channel of a StoreDocument. */
export type ExportedChannel = StoreDocument["channels"][number];

/**
 * Parses and validates an export file's text. Refuses (BotError INVALID_IMPORT, with the
 * reason) what is not JSON, not an export, from a newer bot, or has a wrong field.
 */
export function parseStoreDocument(textOfFile: string, name: string): StoreDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(textOfFile);
  } catch (err) {
    throw new BotError("INVALID_IMPORT", `${name} is not valid JSON (${(err as Error).message}); nothing was imported. Use a file written by papers export.`);
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== STORE_DOCUMENT_FORMAT) {
    throw new BotError("INVALID_IMPORT", `${name} is not a papers-bot export (no "format": "${STORE_DOCUMENT_FORMAT}"); nothing was imported. Use a file written by papers export.`);
  }
  if (typeof head.version === "number" && head.version > STORE_DOCUMENT_VERSION) {
    throw new BotError("INVALID_IMPORT", `${name} was written by a newer papers-bot (format version ${head.version}; this one reads version ${STORE_DOCUMENT_VERSION}); nothing was imported. Upgrade the bot, then import it.`);
  }
  const parsed = storeDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : "";
    throw new BotError("INVALID_IMPORT", `${name} does not match the export format: ${issues.join("; ")}${more}; nothing was imported. Fix those fields or export again.`);
  }
  return parsed.data;
}

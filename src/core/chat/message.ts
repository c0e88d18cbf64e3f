import type { ErrorCode } from "../errors.js";

/** A link with a label; both are rendered as plain text plus URL, never as markup. */
export interface Link {
  /** Visible label, e.g. `arXiv`, `PDF`, `Code`. */
  label: string;
  /** Absolute http(s) URL. */
  url: string;
}

/** A paper as shown in a listing or digest: data only, rendered by each adapter. */
export interface PaperCard {
  /** Versionless arXiv id. */
  id: string;
  /** Untrusted title text; renderers escape it. */
  title: string;
  /** Link for the title (the HF paper page or the arXiv abstract). */
  url: string;
  /** Authors, already shortened ("A. Smith, B. Jones et al."). */
  authors: string;
  /** HF upvotes, or null when the paper is not on HF. */
  hfUpvotes: number | null;
  /** Upvotes cast in this workspace or channel. */
  localVotes: number;
  /** One-line summary (HF ai_summary or the first extractive sentence); untrusted text. */
  summary: string;
  /** Code, project page and other links. */
  links: Link[];
  /** Thumbnail image URL, or null. */
  thumbnail: string | null;
  /** For topic channels: why it matched, e.g. `tokenization (title, keywords)`; null otherwise. */
  matched: string | null;
  /** A search excerpt, when this card answers a search; null otherwise. */
  snippet: string | null;
  /** Rank in the listing, starting at 1. */
  rank: number;
}

/** One block of an outbound message; adapters render each kind with a pure function. */
export type Block =
  /** A short title line. */
  | { kind: "header"; text: string }
  /** A paragraph of plain text (untrusted parts included; renderers escape it). */
  | { kind: "text"; text: string }
  /** Small, secondary text (dates, counts, notes). */
  | { kind: "context"; text: string }
  /** Label/value pairs. */
  | { kind: "fields"; fields: { label: string; value: string }[] }
  /** A list of links. */
  | { kind: "links"; links: Link[] }
  /** Buttons; `action` plus `value` come back as a button inbound event. */
  | { kind: "actions"; buttons: { action: string; label: string; value: string }[] }
  /** A paper card. */
  | { kind: "paper"; paper: PaperCard };

/** A platform-neutral message. The core builds these; it never builds embeds or Block Kit. */
export interface OutboundMessage {
  /** Content in order. */
  blocks: Block[];
  /** Plain-text version for notifications, logs and text-only clients. Required. */
  fallbackText: string;
  /** Only the requesting user should see it (errors, confirmations). Default false. */
  ephemeral?: boolean;
  /**
   * Reply in the thread of this message (a paper's digest message) where the platform has
   * threads: the adapter posts the reply there and tells the asker where it went.
   */
  threadOf?: string;
  /** The reply's content as data, for renderers that are not chat (the CLI's `--json`); chat adapters ignore it. */
  data?: ReplyData;
  /**
   * Set when the reply reports a refusal or a failure instead of an answer: the error's
   * code (INTERNAL for a bug). Chat adapters show the text as usual; the CLI exits non-zero.
   */
  failure?: ErrorCode;
}

/** A paper as data (`--json`): the stored facts plus what the reply added (day, match, score, summary). */
export interface PaperData {
  /** Versionless arXiv id. */
  id: string;
  /** Title. */
  title: string;
  /** HF upvotes (0 when the paper is not on HF). */
  upvotes: number;
  /** Votes in the asking conversation. */
  localVotes: number;
  /** Authors. */
  authors: string[];
  /** arXiv abstract page. */
  url: string;
  /** HF ai_summary, or null. */
  aiSummary: string | null;
  /** Categories. */
  categories: string[];
  /** HF Daily Papers days. */
  dailyDates: string[];
  /** What the reply adds for this paper (`day`, `matched`, `score`, `snippet`, `summary`, `method`, `links`...). */
  [extra: string]: unknown;
}

/** Machine-readable content of a reply. */
export type ReplyData =
  /** A listing, in rank order (empty when nothing qualified; the text says why). */
  | { kind: "papers"; papers: PaperData[] }
  /** One paper (a summary). */
  | { kind: "paper"; paper: PaperData };

/** Who sent an inbound event. */
export interface Actor {
  /** Opaque platform user id. */
  id: string;
  /** Display name, for confirmations; untrusted. */
  name?: string;
  /** True for bots (their reactions never count). */
  isBot?: boolean;
  /**
   * Whether the actor may change this channel's subscriptions and schedule. The adapter
   * answers from platform rights (Discord: Manage Channels; Slack: admin, owner, creator).
   */
  canManageChannel(): Promise<boolean>;
  /** The platform's name for that right, for refusals (e.g. `Manage Channels`); optional. */
  managerRight?: string;
  /** Who holds it, for refusals where the platform has no single right (Slack: "the channel's creator or a workspace admin"). */
  managers?: string;
}

/** Fields every inbound event has. */
interface InboundBase {
  /** Who did it. */
  actor: Actor;
  /** Opaque conversation reference (`discord:G1:C2`); the core stores it and never parses it. */
  conversation: string;
  /** Platform name: `discord`, `slack`, `shell`. */
  platform: string;
  /** Guild or workspace id, for workspace-wide votes. */
  workspace: string;
  /** The platform's own payload; the core never reads it. */
  raw: unknown;
}

/** A slash command or a command typed in the shell. */
export interface CommandEvent extends InboundBase {
  /** Discriminator. */
  kind: "command";
  /** Subcommand name, e.g. `today`; "" when the user typed only `/papers`. */
  name: string;
  /** Named option values when the platform gives typed options (Discord); else undefined. */
  options?: Record<string, string | number | boolean | undefined>;
  /** The argument text after the subcommand, as typed. */
  text: string;
}

/** A button press on a message the bot sent. */
export interface ButtonEvent extends InboundBase {
  /** Discriminator. */
  kind: "button";
  /** The button's `action`. */
  action: string;
  /** The button's `value`. */
  value: string;
  /** Reference of the message that carried the button. */
  messageRef: string;
}

/** A reaction added to or removed from a message. */
export interface ReactionEvent extends InboundBase {
  /** Discriminator. */
  kind: "reaction";
  /** True when added, false when removed. */
  added: boolean;
  /** Emoji name or character as the platform gives it (`👍`, `+1`, `arrow_up`). */
  emoji: string;
  /** Reference of the message reacted to. */
  messageRef: string;
  /** Platform event id for replay de-duplication, when the platform gives one. */
  eventId?: string;
}

/** Anything an adapter hands to the core. */
export type InboundEvent = CommandEvent | ButtonEvent | ReactionEvent;

/** How a channel's digest picks papers. */
export type DigestMode = "all" | "topics";

/** What to do with digests missed while the bot was down. */
export type CatchUpPolicy = "latest" | "all" | "skip";

/** A channel's delivery settings. */
export interface ChannelSettings {
  /** Conversation reference. */
  conversation: string;
  /** Platform name. */
  platform: string;
  /** Guild or workspace id. */
  workspace: string;
  /** Local post time `HH:MM`, or null when no daily post is scheduled. */
  postTime: string | null;
  /** IANA timezone of postTime, e.g. `Europe/Paris`. Default `UTC`. */
  timezone: string;
  /** ISO weekdays to post on (1 = Monday … 7 = Sunday). Default every day. */
  days: number[];
  /** Most papers per post. Default 10. */
  maxPapers: number;
  /** Minimum HF upvotes for a paper to be posted. Default 0. */
  minUpvotes: number;
  /** `all` of the day's papers, or only those matching the channel's `topics`. */
  mode: DigestMode;
  /** True while paused (by a user or after repeated failures). */
  paused: boolean;
  /** Why it is paused, shown in /papers status. */
  pausedReason: string | null;
  /** Missed-digest policy after downtime. Default `latest`. */
  catchUp: CatchUpPolicy;
  /** Post papers in a thread under the header. Default false. */
  useThread: boolean;
  /** Consecutive permanent delivery failures. */
  failureCount: number;
  /** Last delivery failure, one line. */
  lastError: string | null;
  /** Last change, ISO 8601. */
  updatedAt: string;
}

/** Storage of channel settings. */
export interface ChannelSettingsStore {
  /** The channel's settings, or null when it never set any. */
  get(conversation: string): Promise<ChannelSettings | null>;
  /** Creates or replaces a channel's settings. */
  put(settings: ChannelSettings): Promise<void>;
  /** Every channel with a post time, paused or not. */
  listScheduled(): Promise<ChannelSettings[]>;
}

/** Default settings for a channel that has not set any. */
export function defaultChannelSettings(conversation: string, platform: string, workspace: string, now: string): ChannelSettings {
  return {
    conversation,
    platform,
    workspace,
    postTime: null,
    timezone: "UTC",
    days: [1, 2, 3, 4, 5, 6, 7],
    maxPapers: 10,
    minUpvotes: 0,
    mode: "all",
    paused: false,
    pausedReason: null,
    catchUp: "latest",
    useThread: false,
    failureCount: 0,
    lastError: null,
    updatedAt: now,
  };
}

/** One user's upvote of one paper in one conversation. */
export interface Vote {
  /** Versionless paper id. */
  paperId: string;
  /** Conversation reference the vote was cast in. */
  conversation: string;
  /** Guild or workspace id, for server-wide leaderboards. */
  workspace: string;
  /** Opaque user id on that platform. */
  userId: string;
  /** How it was cast: a reaction, a button or the `upvote` command. */
  via: "reaction" | "button" | "command";
  /** When, ISO 8601. */
  at: string;
  /** What holds it: `command`, `button` or `reaction:<message ref>:<emoji key>`; default `via`. One vote may have many. */
  source?: string;
}

/** One reaction that holds a vote, for the reconcile. */
export interface ReactionSource {
  /** Opaque user id. */
  userId: string;
  /** `reaction:<message ref>:<emoji key>` (or `reaction:legacy`). */
  source: string;
}

/** A paper and its local vote count. */
export interface VoteCount {
  /** Versionless paper id. */
  paperId: string;
  /** Number of distinct users who upvoted it in the scope. */
  votes: number;
}

/**
 * Storage of local upvotes: one vote per (conversation, paper, user), so replays count once.
 * A vote is held while any of its sources is (every upvote reaction on every message of the
 * paper there, the button, the command); the counted vote is derived from the sources.
 */
export interface VoteStore {
  /** Adds a source of a vote; true when the vote is new (no source held it before). */
  add(vote: Vote): Promise<boolean>;
  /** Removes one source (or, with none given, every source); true when the vote is gone as a result. */
  remove(conversation: string, paperId: string, userId: string, source?: string): Promise<boolean>;
  /** The reaction sources holding votes for this paper here (for reconciling after downtime). */
  reactionSources(conversation: string, paperId: string): Promise<ReactionSource[]>;
  /** Vote counts for these papers in a conversation (or a whole workspace when `scope.workspace` is set). */
  counts(scope: VoteScope, paperIds: string[]): Promise<Map<string, number>>;
  /** Users with at least one reaction source for this paper here. */
  reactionVoters(conversation: string, paperId: string): Promise<string[]>;
  /** The most upvoted papers in a scope since `since` (ISO), most votes first. */
  top(scope: VoteScope, since: string, limit: number): Promise<VoteCount[]>;
}

/** Which votes to count: one conversation, or every conversation of a workspace. */
export type VoteScope = { conversation: string } | { workspace: string };

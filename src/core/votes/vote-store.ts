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
}

/** A paper and its local vote count. */
export interface VoteCount {
  /** Versionless paper id. */
  paperId: string;
  /** Number of distinct users who upvoted it in the scope. */
  votes: number;
}

/** Storage of local upvotes: one vote per (conversation, paper, user), so replays count once. */
export interface VoteStore {
  /** Records a vote; false when that user had already voted for that paper there. */
  add(vote: Vote): Promise<boolean>;
  /** Removes a user's vote; false when there was none. */
  remove(conversation: string, paperId: string, userId: string): Promise<boolean>;
  /** Vote counts for these papers in a conversation (or a whole workspace when `scope.workspace` is set). */
  counts(scope: VoteScope, paperIds: string[]): Promise<Map<string, number>>;
  /** Users whose vote for this paper here came from a reaction (for reconciling after downtime). */
  reactionVoters(conversation: string, paperId: string): Promise<string[]>;
  /** The most upvoted papers in a scope since `since` (ISO), most votes first. */
  top(scope: VoteScope, since: string, limit: number): Promise<VoteCount[]>;
}

/** Which votes to count: one conversation, or every conversation of a workspace. */
export type VoteScope = { conversation: string } | { workspace: string };

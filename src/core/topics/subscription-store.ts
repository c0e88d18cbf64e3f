/** A channel's subscription to one topic. */
export interface Subscription {
  /** Opaque conversation reference, e.g. `discord:G1:C2`, `slack:T1:C1`, `shell:local:main`. */
  conversation: string;
  /** Platform name: `discord`, `slack` or `shell`. */
  platform: string;
  /** Guild or workspace id (`local` for the shell). */
  workspace: string;
  /** The topic as the user typed it (trimmed). */
  topic: string;
  /** Opaque id of the user who added it. */
  addedBy: string;
  /** When it was added, ISO 8601. */
  addedAt: string;
}

/** Storage of channel subscriptions. Topics are unique per conversation, case-insensitively. */
export interface SubscriptionStore {
  /** Adds a subscription; `created` is false when the conversation already had that topic. */
  add(sub: Subscription): Promise<{ created: boolean }>;
  /** Removes a topic (case-insensitive); returns false when it was not subscribed. */
  remove(conversation: string, topic: string): Promise<boolean>;
  /** The conversation's subscriptions, oldest first. */
  list(conversation: string): Promise<Subscription[]>;
  /** Every subscription, for the daily matching run. */
  listAll(): Promise<Subscription[]>;
}

/** One term of a topic or search query. */
export type QueryTerm =
  /** A single word, lower-cased, as typed (expansion to its word family happens when matching). */
  | { kind: "word"; text: string }
  /** A quoted phrase: the words must appear in this order, next to each other. */
  | { kind: "phrase"; words: string[] };

/**
 * A parsed topic such as `diffusion OR "flow matching" -video`.
 * The query matches when any clause matches (every term of that clause present)
 * and no excluded term is present. Built by `parseTopicQuery`, never by hand.
 */
export interface TopicQuery {
  /** The text the user typed, trimmed. */
  raw: string;
  /** OR of clauses; a clause is an AND of terms. Never empty for a valid query. */
  anyOf: QueryTerm[][];
  /** Terms whose presence rules a paper out. */
  exclude: QueryTerm[];
}

/** The kinds of option a command takes; adapters map them to typed platform options. */
export type OptionType = "string" | "integer" | "date" | "paper" | "topic" | "query";

/** One option of a command, in positional order. */
export interface OptionDef {
  /** Option name (lower-case, Discord-safe). */
  name: string;
  /** One-line description shown in help and platform UIs. */
  description: string;
  /** Value kind: `date` is YYYY-MM-DD, `paper` an id or URL, `topic`/`query` free text with query syntax. */
  type: OptionType;
  /** Whether it must be given. */
  required: boolean;
  /** Allowed values, when the option is an enumeration (e.g. `week`, `month`). */
  choices?: string[];
  /** Takes the rest of the text, quotes and all (topics and queries). At most one per command, last. */
  rest?: boolean;
}

/** The platform-facing part of a command definition (no `run`), for registration and help. */
export interface CommandDefinitionInfo {
  /** Subcommand name, e.g. `today`. */
  name: string;
  /** One-line description: the help text on every platform. */
  description: string;
  /** Options in positional order. */
  options: OptionDef[];
  /** True when it may take longer than ~1 s (network); adapters defer first. */
  slow?: boolean;
  /** True (or a predicate over the parsed args that can be true) when it changes channel settings and needs channel-manager rights. */
  requiresManager?: boolean | ((args: never) => boolean);
}

/** An autocomplete question: which option of which command is being typed, where, and what so far. */
export interface AutocompleteRequest {
  /** Subcommand name, e.g. `summary`. */
  command: string;
  /** Option name, e.g. `paper`. */
  option: string;
  /** Conversation reference the user types in. */
  conversation: string;
  /** What the user typed so far. */
  typed: string;
}

/** One autocomplete choice; adapters clip it to their platform's limits. */
export interface Choice {
  /** Shown to the user. */
  name: string;
  /** Sent back as the option's value. */
  value: string;
}

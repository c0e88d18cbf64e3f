/** Discord's documented message limits (characters count UTF-16 units, as Discord does). */
export const DISCORD_LIMITS = {
  /** Message `content`. */
  content: 2000,
  /** Embeds per message. */
  embedsPerMessage: 10,
  /** Embed title. */
  embedTitle: 256,
  /** Embed description. */
  embedDescription: 4096,
  /** Fields per embed. */
  embedFields: 25,
  /** Field name. */
  fieldName: 256,
  /** Field value. */
  fieldValue: 1024,
  /** Embed footer text. */
  footer: 2048,
  /** Sum of title, description, field names and values, footer and author over all embeds of a message. */
  embedTotal: 6000,
  /** Buttons per action row. */
  buttonsPerRow: 5,
  /** Action rows per message. */
  rowsPerMessage: 5,
  /** Button `custom_id`. */
  customId: 100,
  /** Button label. */
  buttonLabel: 80,
  /** Slash command and option descriptions. */
  commandDescription: 100,
  /** Autocomplete choices per answer. */
  autocompleteChoices: 25,
  /** Autocomplete choice name and value. */
  choiceText: 100,
} as const;

/** Posting limits the delivery engine paces to: ~5 messages / 5 s per channel (observed), 50 requests / s per bot. */
export const DISCORD_RATE_LIMITS = {
  perChannel: { messages: 5, windowMs: 5000 },
  global: { requests: 50, windowMs: 1000 },
} as const;

/**
 * Block Kit and Web API limits the renderer keeps within (docs.slack.dev → Block Kit
 * reference). Exceeding them makes chat.postMessage fail with `invalid_blocks`.
 */
export const SLACK_LIMITS = {
  /** Blocks per message. */
  blocksPerMessage: 50,
  /** Characters of a header block's plain_text. */
  headerText: 150,
  /** Characters of a section block's text. */
  sectionText: 3000,
  /** Fields per section block. */
  sectionFields: 10,
  /** Characters of a paper title shown in its card (cut with `…` beyond). */
  titleText: 500,
  /** Characters of one section field. */
  fieldText: 2000,
  /** Elements per context block. */
  contextElements: 10,
  /** Characters of one context element's text (kept below the 3000 maximum). */
  contextText: 2000,
  /** Buttons per actions block. */
  actionsElements: 25,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's value. */
  buttonValue: 2000,
  /** Characters of an action_id. */
  actionId: 255,
  /** Characters of an image URL. */
  imageUrl: 3000,
  /** Characters of an image's alt text. */
  imageAltText: 2000,
  /** Characters of the top-level `text` fallback we send (Slack truncates long ones; keep well under 4000). */
  fallbackText: 3000,
  /** Characters of block text per message before we split, keeping payloads clear of `msg_blocks_too_long`. */
  blockCharsPerMessage: 12_000,
  /** Posts one response_url accepts (within 30 minutes); further parts go through the Web API. */
  responseUrlUses: 5,
} as const;

/** Slack's posting rate for chat.postMessage: about one message per second per channel. */
export const SLACK_RATE = { perChannel: { messages: 1, windowMs: 1000 } } as const;

import { createRequire } from "node:module";

// Shortcode tables from emojibase-data, in order of precedence: iamcal is the table Slack
// itself uses (its reaction events name emoji this way, `+1`, `thumbsup`), then GitHub's
// (also Discord's familiar names), then CLDR's long names (`thumbs_up`, `red_heart`) and
// emojibase's own. A name claimed by an earlier table keeps that table's emoji.
const PRESETS = ["iamcal", "github", "cldr", "emojibase"] as const;

/** Variation selectors (text/emoji presentation) and the five Fitzpatrick skin-tone modifiers. */
const PRESENTATION = /[\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}]/gu;
/** Slack's skin-tone suffix on a reaction name: `+1::skin-tone-2`. */
const SLACK_SKIN_TONE = /:+skin-tone-\d+:?/g;

type ShortcodeTable = Record<string, string | string[]>;

let names: Map<string, string> | null = null;

/** A hexcode sequence (`1F44D-1F3FD`, `2764-FE0F`) without presentation or skin tone, as a key. */
function keyOfHexcode(hexcode: string): string {
  const chars = hexcode.split("-").map((hex) => String.fromCodePoint(Number.parseInt(hex, 16)));
  return keyOfCharacters(chars.join(""));
}

function keyOfCharacters(text: string): string {
  const points = [...text.replace(PRESENTATION, "")].map((c) => c.codePointAt(0)!.toString(16).toUpperCase());
  return `u:${points.join("-")}`;
}

function nameTable(): Map<string, string> {
  if (names) return names;
  const load = createRequire(import.meta.url);
  const table = new Map<string, string>();
  for (const preset of PRESETS) {
    const data = load(`emojibase-data/en/shortcodes/${preset}.json`) as ShortcodeTable;
    for (const [hexcode, codes] of Object.entries(data)) {
      const key = keyOfHexcode(hexcode);
      for (const code of typeof codes === "string" ? [codes] : codes) {
        const name = code.toLowerCase();
        if (!table.has(name)) table.set(name, key);
      }
    }
  }
  names = table;
  return table;
}

/**
 * One comparison key per emoji, whatever the platform calls it: `thumbsup`, `:+1:`, `+1`,
 * `+1::skin-tone-2`, 👍, 👍🏽 and `thumbs_up` all give the same key, and so do `heart`, ❤️
 * and ❤ (variation selectors and skin tones are dropped). A name no table knows (a custom
 * emoji such as `partyparrot`) is its own key, compared case-insensitively.
 */
export function normalizeEmoji(emoji: string): string {
  const trimmed = emoji.trim();
  if (/[^\x00-\x7f]/.test(trimmed)) return keyOfCharacters(trimmed.replace(/^:+|:+$/g, ""));
  const name = trimmed.replace(SLACK_SKIN_TONE, "").replace(/^:+|:+$/g, "").toLowerCase();
  return nameTable().get(name) ?? `name:${name}`;
}

/** A test for "does this reaction count as an upvote", built once from the configured emoji. */
export function emojiMatcher(upvoteEmoji: readonly string[]): (emoji: string) => boolean {
  const wanted = new Set(upvoteEmoji.map(normalizeEmoji));
  return (emoji) => wanted.has(normalizeEmoji(emoji));
}

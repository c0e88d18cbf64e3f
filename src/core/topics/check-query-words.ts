import { BotError } from "../errors.js";
import { parseTopicQuery } from "./parse-topic-query.js";
import { STOPWORDS, wordChunks } from "./text-tokens.js";
import type { QueryTerm } from "./topic-query.js";

/** What the text is for (a subscription, a search, or the topic filter of a day's listing); it picks the noun and the example in a refusal. */
export type QueryUse = "topic" | "search" | "today";

/**
 * Words too common to match on by themselves: the matcher's stopwords plus pronouns,
 * auxiliaries and the operator words other search engines use (AND, NOT, NEAR), which our
 * parser reads as plain words. A clause made only of these would match nearly every paper.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...STOPWORDS,
  "not", "near", "no", "nor", "but", "if", "than", "then", "so", "this", "that", "these", "those",
  "it", "its", "we", "our", "us", "they", "their", "was", "were", "been", "has", "have", "had",
  "do", "does", "can", "will", "which", "what", "how", "who", "when", "where", "why", "about",
  "all", "any", "some", "such", "also", "both", "each", "more", "most", "other", "very",
]);

/** Longest piece of the user's text quoted back in a refusal, in characters. */
const SHOWN_CHARS = 40;

const EXAMPLES: Record<QueryUse, string> = {
  topic: 'Try: /papers subscribe tokenization or /papers subscribe diffusion OR "flow matching".',
  search: 'Try: /papers search "speculative decoding" or /papers search diffusion OR "flow matching".',
  today: 'Try: /papers today tokenization or /papers today diffusion OR "flow matching".',
};

const NOUN: Record<QueryUse, string> = { topic: "Topics", search: "Searches", today: "Topics" };

/**
 * Refuses a topic or search the parser would accept (or refuse with a generic hint) but that
 * has nothing to match on: text with no word at all (`((((`, `"AND (` minus its words), or an
 * OR alternative made only of common words (`and`, `the OR of`). Throws BotError
 * INVALID_QUERY with a sentence that says what was wrong and gives an example; also throws
 * parseTopicQuery's own refusals. Blank text is left to the command's own "type a topic" hint.
 */
export function checkQueryWords(text: string, use: QueryUse): void {
  if (text.trim() === "") return;
  if (wordChunks(text).length === 0) {
    throw new BotError(
      "INVALID_QUERY",
      `${quoteShown(text)} has no words, only punctuation, symbols or search syntax, so there is nothing to match on. ${EXAMPLES[use]}`,
    );
  }
  const query = parseTopicQuery(text);
  const empty = query.anyOf.filter((clause) => !clause.some(hasContent));
  if (empty.length === 0) return;
  const common = [...new Set(empty.flat().flatMap(termWords))];
  const words = joinWithAnd(common.map((w) => `"${w}"`));
  const tooCommon = `${words} ${common.length === 1 ? "is" : "are"} too common to match on`;
  const andNote = /(^|\s|["“(])AND(\s|$|[")])/u.test(text) ? " (words are already all required, so AND is not needed)" : "";
  const head =
    empty.length === query.anyOf.length
      ? `${NOUN[use]} need at least one content word; ${tooCommon}${andNote}.`
      : `Each OR alternative needs at least one content word; ${tooCommon} on its own${andNote}.`;
  throw new BotError("INVALID_QUERY", `${head} ${EXAMPLES[use]}`, { raw: query.raw, common });
}

/** Whether a term has a word that is not a common word. */
function hasContent(term: QueryTerm): boolean {
  return termWords(term).some((w) => !COMMON_WORDS.has(w));
}

function termWords(term: QueryTerm): string[] {
  return term.kind === "word" ? [term.text] : term.words;
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

/** The user's text in double quotes, cut to SHOWN_CHARS with an ellipsis; "That" when nothing visible is left. */
function quoteShown(text: string): string {
  const chars = [...text.replace(/\p{Cf}/gu, "").replace(/[\p{Cc}\s]+/gu, " ").trim()];
  if (chars.length === 0) return "That";
  const shown = chars.length > SHOWN_CHARS ? `${chars.slice(0, SHOWN_CHARS - 1).join("")}…` : chars.join("");
  return `"${shown}"`;
}

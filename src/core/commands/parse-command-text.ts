import type { OptionDef } from "./define-command.js";

/** A token of command text: its value without quotes, and the raw text including them. */
interface Token {
  value: string;
  raw: string;
}

/** Splits text on whitespace, keeping "quoted phrases" whole; an unbalanced quote runs to the end. */
export function tokenizeCommandText(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    tokens.push({ value: m[1] ?? m[2] ?? "", raw: m[0] });
  }
  return tokens;
}

/** A word shaped like a date (`2026-07-31`, and malformed ones like `2026-13-45` or `2026/7/31`, so they get the date message). */
const DATE_SHAPE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;

/** Whether a word has the shape of an option's values: its type's shape (date, integer) or one of its choices. */
function fitsOption(option: OptionDef, token: Token): boolean {
  if (option.type === "date") return DATE_SHAPE.test(token.value);
  if (option.choices) return option.choices.some((c) => c.toLowerCase() === token.value.toLowerCase());
  if (option.type === "integer") return /^\d+$/.test(token.value);
  return true;
}

/** Options whose values have a shape a word can be recognised by. */
function isShaped(option: OptionDef): boolean {
  return option.type === "date" || option.type === "integer" || option.choices !== undefined;
}

/**
 * Maps free command text onto a command's options, for platforms that give only text
 * (the shell, Slack). Dates, enumerations and integers are picked out by shape wherever
 * they stand; the remaining words fill the other options in order, and a `rest` option
 * takes everything left, quotes included (topic and query syntax needs them). An optional
 * date or integer option is filled only by a word of its shape, so `today tokenization`
 * is a topic, not a bad date; a required one takes the next word, so its own message
 * (e.g. "Dates are written YYYY-MM-DD") explains what was wrong.
 */
export function parseCommandText(options: OptionDef[], text: string): Record<string, string | number | undefined> {
  let tokens = tokenizeCommandText(text);
  const result: Record<string, string | number | undefined> = {};
  for (const option of options) {
    if (!isShaped(option)) continue;
    const index = tokens.findIndex((t) => fitsOption(option, t));
    if (index < 0) continue;
    const [token] = tokens.splice(index, 1);
    if (!token) continue;
    result[option.name] = option.type === "integer" ? Number(token.value) : option.choices ? token.value.toLowerCase() : token.value;
  }
  for (const option of options) {
    if (option.name in result) continue;
    if (!option.required && (option.type === "date" || option.type === "integer")) {
      result[option.name] = undefined;
    } else if (option.rest) {
      const rest = tokens.map((t) => t.raw).join(" ").trim();
      result[option.name] = rest.length > 0 ? rest : undefined;
      tokens = [];
    } else {
      result[option.name] = tokens.shift()?.value;
    }
  }
  if (tokens.length > 0) result._extra = tokens.map((t) => t.raw).join(" ");
  return result;
}

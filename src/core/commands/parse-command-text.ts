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

/**
 * Maps free command text onto a command's options, for platforms that give only text
 * (the shell, Slack). Dates, enumerations and integers are picked out by shape wherever
 * they stand; the remaining words fill the other options in order, and a `rest` option
 * takes everything left, quotes included (topic and query syntax needs them).
 */
export function parseCommandText(options: OptionDef[], text: string): Record<string, string | number | undefined> {
  let tokens = tokenizeCommandText(text);
  const result: Record<string, string | number | undefined> = {};
  const take = (predicate: (t: Token) => boolean): Token | undefined => {
    const index = tokens.findIndex(predicate);
    if (index < 0) return undefined;
    const [token] = tokens.splice(index, 1);
    return token;
  };
  for (const option of options) {
    let token: Token | undefined;
    if (option.type === "date") token = take((t) => /^\d{4}-\d{1,2}-\d{1,2}$/.test(t.value));
    else if (option.choices) {
      const choices = option.choices.map((c) => c.toLowerCase());
      token = take((t) => choices.includes(t.value.toLowerCase()));
    } else if (option.type === "integer") token = take((t) => /^\d+$/.test(t.value));
    if (!token) continue;
    result[option.name] = option.type === "integer" ? Number(token.value) : option.choices ? token.value.toLowerCase() : token.value;
  }
  for (const option of options) {
    if (option.name in result) continue;
    if (option.rest) {
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

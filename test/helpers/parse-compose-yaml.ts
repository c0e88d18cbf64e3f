/** A parsed YAML value: plain scalars stay strings (compose reads them so), empty values are null. */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  /** 1-based line number, for errors. */
  no: number;
  /** Leading spaces. */
  indent: number;
  /** The rest, comment stripped. */
  text: string;
}

/** The text before a ` #` comment that is outside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.\-]*):(?:\s+(.*))?$/;

/**
 * Parses the block-style YAML subset our compose files are written in: nested mappings,
 * sequences (of scalars or of mappings), flow sequences of scalars, quoted and plain scalars,
 * comments. There is no YAML package among our dependencies, so the compose tests use this;
 * it throws on anything outside the subset (tabs, anchors and aliases, merge keys, block
 * scalars, flow mappings, tags, several documents, duplicate keys) rather than misread it.
 */
export function parseComposeYaml(source: string): YamlValue {
  const lines: Line[] = [];
  source.split("\n").forEach((raw, i) => {
    if (/^\s*\t/.test(raw)) throw new Error(`line ${i + 1}: a tab in the indentation`);
    const text = stripComment(raw.trim());
    if (text === "") return;
    if (text === "---" || text === "...") throw new Error(`line ${i + 1}: several documents are not supported`);
    lines.push({ no: i + 1, indent: raw.length - raw.trimStart().length, text });
  });
  let at = 0;

  const scalar = (text: string, no: number): YamlValue => {
    if (text.startsWith('"')) {
      if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${no}: unterminated double-quoted string`);
      return JSON.parse(text) as string;
    }
    if (text.startsWith("'")) {
      if (!text.endsWith("'") || text.length < 2) throw new Error(`line ${no}: unterminated single-quoted string`);
      return text.slice(1, -1).replaceAll("''", "'");
    }
    if (text.startsWith("[")) {
      if (!text.endsWith("]")) throw new Error(`line ${no}: a flow sequence must end on its line`);
      const inner = text.slice(1, -1).trim();
      if (inner === "") return [];
      const items: string[] = [];
      let quote: string | null = null;
      let start = 0;
      for (let i = 0; i <= inner.length; i += 1) {
        const c = inner[i];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "," || c === undefined) {
          items.push(inner.slice(start, i).trim());
          start = i + 1;
        }
      }
      return items.map((item) => {
        if (/^[[{]/.test(item)) throw new Error(`line ${no}: nested flow collections are not supported`);
        return scalar(item, no);
      });
    }
    if (/^[{&*!|>%@`]/.test(text) || text.startsWith("<<")) throw new Error(`line ${no}: "${text}" is outside the supported YAML subset`);
    if (text === "~" || text === "null") return null;
    if (/: |:$/.test(text)) throw new Error(`line ${no}: a plain value cannot hold ": " (quote it)`);
    return text;
  };

  const block = (indent: number): YamlValue => {
    const first = lines[at]!;
    if (first.indent !== indent) throw new Error(`line ${first.no}: expected indentation ${indent}, found ${first.indent}`);
    return first.text === "-" || first.text.startsWith("- ") ? sequence(indent) : mapping(indent);
  };

  /** The value after `key:` (inline, a nested block, or null). */
  const valueAfter = (inline: string | undefined, indent: number, no: number): YamlValue => {
    if (inline !== undefined && inline !== "") return scalar(inline, no);
    const next = lines[at];
    if (next && next.indent > indent) return block(next.indent);
    if (next && next.indent === indent && next.text.startsWith("- ")) throw new Error(`line ${next.no}: indent a sequence under its key`);
    return null;
  };

  const mapping = (indent: number): YamlValue => {
    const out: { [key: string]: YamlValue } = {};
    while (at < lines.length && lines[at]!.indent === indent) {
      const line = lines[at]!;
      if (line.text.startsWith("- ")) throw new Error(`line ${line.no}: a sequence item inside a mapping`);
      const m = KEY.exec(line.text);
      if (!m) throw new Error(`line ${line.no}: "${line.text}" is not a "key: value" line`);
      const key = m[1]!;
      if (key === "<<") throw new Error(`line ${line.no}: merge keys are not supported`);
      if (Object.hasOwn(out, key)) throw new Error(`line ${line.no}: duplicate key "${key}"`);
      at += 1;
      out[key] = valueAfter(m[2], indent, line.no);
    }
    if (at < lines.length && lines[at]!.indent > indent) throw new Error(`line ${lines[at]!.no}: unexpected indentation`);
    return out;
  };

  const sequence = (indent: number): YamlValue => {
    const out: YamlValue[] = [];
    while (at < lines.length && lines[at]!.indent === indent && (lines[at]!.text === "-" || lines[at]!.text.startsWith("- "))) {
      const line = lines[at]!;
      const rest = line.text.slice(1).trimStart();
      if (rest === "") {
        at += 1;
        out.push(valueAfter(undefined, indent, line.no));
      } else if (KEY.test(rest)) {
        // "- key: value": a mapping whose keys sit two columns in.
        lines[at] = { no: line.no, indent: indent + 2, text: rest };
        out.push(mapping(indent + 2));
      } else {
        at += 1;
        out.push(scalar(rest, line.no));
      }
    }
    return out;
  };

  if (lines.length === 0) return null;
  const doc = block(lines[0]!.indent);
  if (at < lines.length) throw new Error(`line ${lines[at]!.no}: unexpected indentation`);
  return doc;
}

/** Compose's interpolation of `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}` and `${NAME?error}` from `env`; `$$` is a literal `$`. Throws the error text of an unset required variable. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (whole, name: string | undefined, colon: string, op: string, arg: string) => {
    if (whole === "$$") return "$";
    const value = env[name!];
    const missing = value === undefined || (colon === ":" && value === "");
    if (!op) return value ?? "";
    if (op === "-") return missing ? arg : value!;
    if (missing) throw new Error(`${name}: ${arg}`);
    return value!;
  });
}

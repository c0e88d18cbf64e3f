import { XMLParser, XMLValidator } from "fast-xml-parser";
import { BotError } from "../core/errors.js";

/** A parsed XML element as fast-xml-parser returns it: text, or attributes plus `#text` and children. */
export type XmlNode = string | { [key: string]: unknown };

/** Elements that may repeat in Atom and RSS feeds; always returned as arrays. */
const REPEATED = new Set(["entry", "item", "author", "link", "category"]);

/**
 * The one parser configuration for arXiv feeds:
 * - namespace prefixes are dropped (`arxiv:doi` → `doi`), so it does not matter where (or
 *   with which prefix) `xmlns` was declared;
 * - values stay strings (ids like `2410.17240` must never become numbers);
 * - entities (`&lt;`, `&amp;`, `&#233;`) are decoded exactly once, by the parser.
 */
function createParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
  });
}

/**
 * Validates and parses an XML document. Throws BotError("BAD_RESPONSE") naming `what`
 * when the text is not well-formed XML (an HTML error page, a body cut off mid-way).
 */
export function parseXml(text: string, what: string): Record<string, unknown> {
  const body = text.replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new BotError("BAD_RESPONSE", `${what} sent a response that is not valid XML (it may be truncated); try again later.`, {
      line: valid.err.line,
      reason: valid.err.msg,
      start: body.slice(0, 200),
    });
  }
  const parsed: unknown = createParser().parse(body);
  if (!parsed || typeof parsed !== "object") {
    throw new BotError("BAD_RESPONSE", `${what} sent an empty XML document; try again later.`);
  }
  return parsed as Record<string, unknown>;
}

/** The text content of a node: a string as is, an element's `#text`, or "" for anything else. */
export function textOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (node && typeof node === "object") return textOf((node as Record<string, unknown>)["#text"]);
  return "";
}

/** The value of attribute `name` on an element node, or "" when absent. */
export function attrOf(node: unknown, name: string): string {
  if (node && typeof node === "object" && !Array.isArray(node)) {
    const value = (node as Record<string, unknown>)[name];
    return typeof value === "string" ? value : "";
  }
  return "";
}

/** The node as an array (empty for undefined), for elements that may be absent, single or repeated. */
export function listOf(node: unknown): unknown[] {
  if (node === undefined || node === null || node === "") return [];
  return Array.isArray(node) ? node : [node];
}

/** The node as a plain object, or an empty one when it is text or absent (`<channel/>`, `<feed></feed>`). */
export function objectOf(node: unknown): Record<string, unknown> {
  return node && typeof node === "object" && !Array.isArray(node) ? (node as Record<string, unknown>) : {};
}

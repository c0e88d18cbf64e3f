import type { types } from "@slack/bolt";
import type { Block, OutboundMessage, PaperCard } from "../../core/chat/message.js";
import { splitText as splitPieces } from "../shared/split-text.js";
import { ENTITY_TAIL, escapeMrkdwn, escapeSlackText, mrkdwnLink, oneLine, safeUrl, truncate } from "./escape-mrkdwn.js";
import { withoutBidiControls } from "../shared/without-bidi-controls.js";
import { SLACK_LIMITS as L } from "./slack-limits.js";

/** A Block Kit block, as @slack/types defines it. */
export type SlackBlock = types.KnownBlock;

/** One Slack message: blocks plus the mandatory `text` fallback (notifications, screen readers). */
export interface SlackMessage {
  /** Escaped mrkdwn fallback, at most SLACK_LIMITS.fallbackText characters. */
  text: string;
  /** At most SLACK_LIMITS.blocksPerMessage blocks. */
  blocks: SlackBlock[];
}

/** Prefix of every button's action_id; the rest is the core's action name. */
export const ACTION_PREFIX = "papers_";

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text, verbatim: true });

/** Splits long mrkdwn into pieces of at most `max` characters (the shared splitter, never inside an entity). */
export function splitText(text: string, max: number): string[] {
  return splitPieces(text, max, ENTITY_TAIL);
}

/** A plain_text object for text already escaped: shown exactly as written, never formatted, no `:emoji:` codes. */
const plain = (escaped: string) => ({ type: "plain_text" as const, text: escaped, emoji: false });

/** Untrusted text as plain_text sections: `&`, `<`, `>` escaped, mentions broken, marks (`*`, `_`, backticks) kept as written. */
function sections(text: string): SlackBlock[] {
  return splitText(escapeMrkdwn(text), L.sectionText).map((part) => ({ type: "section", text: plain(part) }));
}

function votesLine(card: PaperCard): string {
  const parts = [card.hfUpvotes !== null ? `▲ ${card.hfUpvotes} on HF` : null, card.localVotes > 0 ? `${card.localVotes} here` : null];
  return parts.filter((p): p is string => p !== null).join(" · ");
}

/**
 * A paper card: a plain_text section (`1. Title`, summary, excerpt) with the thumbnail as
 * accessory, then a context line (authors, votes, id, matched, then the links with the
 * paper's page first). The title is plain_text, not a mrkdwn `<url|title>` link: mrkdwn
 * reads `*`, `_`, `~` and backticks in a title as formatting and has no escape for them,
 * so the link to the paper's page goes in the context line instead.
 */
export function renderPaper(card: PaperCard): SlackBlock[] {
  const title = `${card.rank}. ${escapeMrkdwn(truncate(oneLine(card.title), L.titleText))}`;
  const body = [title];
  if (card.summary) body.push(escapeMrkdwn(truncate(oneLine(card.summary), 1500)));
  if (card.snippet) body.push(`“${escapeMrkdwn(truncate(oneLine(card.snippet), 600))}”`);
  const section: SlackBlock = { type: "section", text: plain(truncate(body.join("\n"), L.sectionText)) };
  const thumb = card.thumbnail ? safeUrl(card.thumbnail) : null;
  if (thumb && card.thumbnail!.length <= L.imageUrl) {
    section.accessory = { type: "image", image_url: card.thumbnail!.trim(), alt_text: truncate(escapeSlackText(oneLine(card.title)), L.imageAltText) || "thumbnail" };
  }
  const facts = [escapeMrkdwn(truncate(oneLine(card.authors), 400)), votesLine(card), escapeMrkdwn(oneLine(card.id))].filter((s) => s.length > 0);
  const elements: ({ type: "plain_text"; text: string; emoji: boolean } | { type: "mrkdwn"; text: string; verbatim: boolean })[] = [plain(truncate(facts.join(" · "), L.contextText))];
  if (card.matched) elements.push(plain(truncate(`matched: ${escapeMrkdwn(oneLine(card.matched))}`, L.contextText)));
  const page = card.links.some((l) => l.url === card.url) ? [] : [{ label: "Paper page", url: card.url }];
  const links = [...page, ...card.links].filter((l) => safeUrl(l.url)).map((l) => mrkdwnLink(l.url, l.label)).join(" · ");
  if (links) elements.push(mrkdwn(truncate(links, L.contextText)));
  return [section, { type: "context", elements }];
}

function renderButtons(buttons: { action: string; label: string; value: string }[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += L.actionsElements) {
    out.push({
      type: "actions",
      elements: buttons.slice(i, i + L.actionsElements).map((b) => ({
        type: "button" as const,
        action_id: truncate(`${ACTION_PREFIX}${b.action}`, L.actionId),
        text: { type: "plain_text" as const, text: truncate(escapeSlackText(oneLine(b.label)), L.buttonText) || b.action, emoji: true },
        value: b.value.slice(0, L.buttonValue),
      })),
    });
  }
  return out;
}

/** Renders one core block as Block Kit blocks (a long text becomes several sections). */
export function renderBlock(block: Block): SlackBlock[] {
  switch (block.kind) {
    case "header": {
      const text = truncate(escapeSlackText(oneLine(block.text)), L.headerText);
      return text ? [{ type: "header", text: { type: "plain_text", text, emoji: false } }] : [];
    }
    case "text":
      return block.text.trim() ? sections(block.text) : [];
    case "context":
      return block.text.trim() ? [{ type: "context", elements: [plain(truncate(escapeMrkdwn(block.text), L.contextText))] }] : [];
    case "fields": {
      const fields = block.fields.map((f) => plain(truncate(`${escapeMrkdwn(oneLine(f.label))}\n${escapeMrkdwn(f.value)}`, L.fieldText)));
      const out: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += L.sectionFields) out.push({ type: "section", fields: fields.slice(i, i + L.sectionFields) });
      return out;
    }
    case "links": {
      const text = block.links.map((l) => mrkdwnLink(l.url, l.label)).join(" · ");
      return text ? splitText(text, L.sectionText).map((part) => ({ type: "section", text: mrkdwn(part) })) : [];
    }
    case "actions":
      return renderButtons(block.buttons);
    case "paper":
      return renderPaper(block.paper);
  }
}

function blockChars(block: SlackBlock): number {
  return JSON.stringify(block).length;
}

/**
 * Renders an outbound message as one or more Slack messages (a pure function). Splits
 * before SLACK_LIMITS.blocksPerMessage blocks or SLACK_LIMITS.blockCharsPerMessage
 * characters, never between a paper's section and its context line. Every part carries
 * the escaped fallback text; later parts say which part they are. Bidi controls are
 * removed from every string first.
 */
export function renderMessage(untrusted: OutboundMessage): SlackMessage[] {
  const message = withoutBidiControls(untrusted);
  const groups = message.blocks.map(renderBlock).filter((g) => g.length > 0);
  const chunks: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i += L.blocksPerMessage) {
      const piece = group.slice(i, i + L.blocksPerMessage);
      const size = piece.reduce((n, b) => n + blockChars(b), 0);
      if (current.length > 0 && (current.length + piece.length > L.blocksPerMessage || chars + size > L.blockCharsPerMessage)) {
        chunks.push(current);
        current = [];
        chars = 0;
      }
      current.push(...piece);
      chars += size;
    }
  }
  if (current.length > 0) chunks.push(current);
  const fallback = escapeMrkdwn(message.fallbackText.trim() || "papers-bot");
  if (chunks.length === 0) return [{ text: truncate(fallback, L.fallbackText), blocks: [] }];
  return chunks.map((blocks, i) => ({
    text: chunks.length === 1 ? truncate(fallback, L.fallbackText) : truncate(`(${i + 1}/${chunks.length}) ${fallback}`, L.fallbackText),
    blocks,
  }));
}

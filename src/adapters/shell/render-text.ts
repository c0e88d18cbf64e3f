import type { Block, OutboundMessage, PaperCard } from "../../core/chat/message.js";
import { stripBidiControls } from "../shared/without-bidi-controls.js";

// Terminal escape sequences, C0/C1 controls and bidi overrides in untrusted text could
// rewrite the user's screen or disguise text; they are removed before printing.
const UNSAFE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal control sequences and bidi controls (overrides, isolates, marks) from untrusted text. */
export function sanitizeTerminalText(text: string): string {
  return stripBidiControls(text.replace(UNSAFE, ""));
}

function renderPaper(card: PaperCard): string[] {
  const votes = [card.hfUpvotes !== null ? `▲ ${card.hfUpvotes} on HF` : null, card.localVotes > 0 ? `${card.localVotes} here` : null].filter(Boolean);
  const lines = [
    `${String(card.rank).padStart(2)}. ${card.title}`,
    `    ${card.authors}${votes.length ? ` · ${votes.join(" · ")}` : ""} · ${card.id}`,
  ];
  if (card.snippet) lines.push(`    “${card.snippet}”`);
  else if (card.summary) lines.push(`    ${card.summary}`);
  if (card.matched) lines.push(`    matched: ${card.matched}`);
  lines.push(`    ${card.url}${card.links.filter((l) => l.label !== "arXiv").map((l) => `  ${l.label}: ${l.url}`).join("")}`);
  return lines;
}

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case "header":
      return [`== ${block.text} ==`];
    case "text":
      return [block.text];
    case "context":
      return [`(${block.text})`];
    case "fields":
      return block.fields.map((f) => `${f.label}: ${f.value}`);
    case "links":
      return block.links.map((l) => `${l.label}: ${l.url}`);
    case "actions":
      return [block.buttons.map((b) => `[${b.label}]`).join(" ")];
    case "paper":
      return ["", ...renderPaper(block.paper)];
  }
}

/** Renders a message as plain terminal text (a pure function). */
export function renderText(message: OutboundMessage): string {
  return sanitizeTerminalText(message.blocks.flatMap(renderBlock).join("\n"));
}

import { ButtonStyle, ComponentType, MessageFlags } from "discord.js";
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from "discord.js";
import type { Block, Link, OutboundMessage, PaperCard } from "../../core/chat/message.js";
import { DISCORD_LIMITS as L } from "./discord-limits.js";
import { splitText as splitPieces } from "../shared/split-text.js";
import { ESCAPE_TAIL, escapeUntrusted, safeUrl, truncate } from "./escape-text.js";
import { withoutBidiControls } from "../shared/without-bidi-controls.js";

/** One Discord message body, in the shape discord.js `send`/`reply` accept. */
export interface DiscordPayload {
  /** Plain content, ≤2000 characters; escaped. */
  content?: string;
  /** Embeds, ≤10 and ≤6000 characters in total. */
  embeds: APIEmbed[];
  /** Button rows, ≤5. */
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Always `{ parse: [] }`: nothing the bot posts may ping (the client default says the same). */
  allowedMentions: { parse: [] };
  /** `MessageFlags.Ephemeral` for ephemeral interaction replies; ignored by channel sends. */
  flags?: MessageFlags.Ephemeral;
}

/** Prefix of every button `custom_id` the bot makes: `papers:<action>:<value>`. */
export const BUTTON_PREFIX = "papers";

/** Accent colour of paper embeds (Hugging Face yellow). */
const PAPER_COLOR = 0xffd21e;
/** Cap for a paper's description, so one paper embed stays far below the 6000 total. */
const PAPER_DESCRIPTION = 1500;

/** Character count Discord applies to the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

function linkLine(links: Link[]): string {
  return links.flatMap((l) => {
    const url = safeUrl(l.url);
    return url ? [`[${escapeUntrusted(l.label)}](${url})`] : [];
  }).join(" · ");
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return { name: truncate(name, L.fieldName), value: truncate(value || "-", L.fieldValue), inline };
}

/** A paper card as an embed: title link, authors and summary, upvotes, links, matched line, thumbnail. */
export function paperEmbed(card: PaperCard): APIEmbed {
  const description = [
    `*${escapeUntrusted(card.authors, 300)}*`,
    card.summary ? escapeUntrusted(card.summary, PAPER_DESCRIPTION) : null,
    card.snippet ? `> ${escapeUntrusted(card.snippet.slice(0, PAPER_DESCRIPTION).replace(/\s+/g, " "), 500)}` : null,
  ].filter((x): x is string => x !== null).join("\n");
  const votes = [card.hfUpvotes !== null ? `▲ ${card.hfUpvotes} on HF` : null, `${card.localVotes} here`].filter(Boolean).join(" · ");
  const fields = [field("Upvotes", votes, true)];
  const links = linkLine(card.links);
  if (links) fields.push(field("Links", links, true));
  if (card.matched) fields.push(field("Matched", escapeUntrusted(card.matched, L.fieldValue)));
  const embed: APIEmbed = {
    title: truncate(`${card.rank}. ${escapeUntrusted(card.title, L.embedTitle)}`, L.embedTitle),
    description: truncate(description, PAPER_DESCRIPTION),
    color: PAPER_COLOR,
    fields,
    footer: { text: `arXiv ${truncate(card.id, 64)}` },
  };
  const url = safeUrl(card.url);
  if (url) embed.url = url;
  const thumbnail = safeUrl(card.thumbnail);
  if (thumbnail) embed.thumbnail = { url: thumbnail };
  return embed;
}

function fieldsEmbed(fields: { label: string; value: string }[]): APIEmbed[] {
  const out: APIEmbed[] = [];
  let current: APIEmbedField[] = [];
  let size = 0;
  for (const f of fields) {
    const rendered = field(escapeUntrusted(f.label, L.fieldName), escapeUntrusted(f.value, L.fieldValue), true);
    const length = rendered.name.length + rendered.value.length;
    if (current.length >= L.embedFields || size + length > L.embedTotal) {
      out.push({ fields: current });
      current = [];
      size = 0;
    }
    current.push(rendered);
    size += length;
  }
  if (current.length > 0) out.push({ fields: current });
  return out;
}

function buttonRows(buttons: Extract<Block, { kind: "actions" }>["buttons"]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const usable = buttons.flatMap((b): APIButtonComponentWithCustomId[] => {
    const customId = `${BUTTON_PREFIX}:${b.action}:${b.value}`;
    if (customId.length > L.customId) return [];
    return [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(b.label, L.buttonLabel), custom_id: customId }];
  });
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < usable.length; i += L.buttonsPerRow) rows.push({ type: ComponentType.ActionRow, components: usable.slice(i, i + L.buttonsPerRow) });
  return rows;
}

/** Splits text into chunks of at most `max` characters (the shared splitter, never inside an escape). */
export function splitText(text: string, max: number): string[] {
  return splitPieces(text, max, ESCAPE_TAIL);
}

function contentOf(block: Block): string | null {
  switch (block.kind) {
    case "header":
      return `**${escapeUntrusted(block.text, 300)}**`;
    case "text":
      return escapeUntrusted(block.text);
    case "context":
      return escapeUntrusted(block.text).split("\n").map((line) => `-# ${line}`).join("\n");
    case "links":
      return linkLine(block.links);
    default:
      return null;
  }
}

/**
 * Renders a platform-neutral message as one or more Discord message payloads, in block
 * order, within every limit (content 2000, 10 embeds, 6000 embed characters, 5 button
 * rows): it splits rather than fails. Bidi controls are removed from every string first. Pure.
 */
export function renderMessage(untrusted: OutboundMessage): DiscordPayload[] {
  const message = withoutBidiControls(untrusted);
  const payloads: DiscordPayload[] = [];
  let current: DiscordPayload | null = null;
  const fresh = (): DiscordPayload => {
    const p: DiscordPayload = { embeds: [], components: [], allowedMentions: { parse: [] } };
    if (message.ephemeral) p.flags = MessageFlags.Ephemeral;
    payloads.push(p);
    current = p;
    return p;
  };
  const open = (): DiscordPayload => current ?? fresh();
  const addEmbed = (embed: APIEmbed) => {
    let p = open();
    const used = p.embeds.reduce((n, e) => n + embedLength(e), 0);
    if (p.embeds.length >= L.embedsPerMessage || used + embedLength(embed) > L.embedTotal || p.components.length > 0) p = fresh();
    p.embeds.push(embed);
  };
  const addContent = (text: string) => {
    for (const chunk of splitText(text, L.content)) {
      let p = open();
      const joined = p.content ? `${p.content}\n${chunk}` : chunk;
      if (p.embeds.length > 0 || p.components.length > 0 || joined.length > L.content) {
        p = fresh();
        p.content = chunk;
      } else p.content = joined;
    }
  };
  for (const block of message.blocks) {
    if (block.kind === "paper") addEmbed(paperEmbed(block.paper));
    else if (block.kind === "fields") fieldsEmbed(block.fields).forEach(addEmbed);
    else if (block.kind === "actions") {
      for (const row of buttonRows(block.buttons)) {
        let p = open();
        if (p.components.length >= L.rowsPerMessage) p = fresh();
        p.components.push(row);
      }
    } else {
      const text = contentOf(block);
      if (text) addContent(text);
    }
  }
  if (payloads.length === 0) fresh().content = escapeUntrusted(message.fallbackText || "(empty)", L.content);
  return payloads;
}

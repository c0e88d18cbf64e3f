import { describe, expect, it } from "vitest";
import type { OutboundMessage, PaperCard } from "../../../src/core/chat/message.js";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/discord-limits.js";
import { escapeUntrusted, truncate } from "../../../src/adapters/discord/escape-text.js";
import { embedLength, renderMessage, splitText } from "../../../src/adapters/discord/render-message.js";
import { buildSlashCommands } from "../../../src/adapters/discord/slash-commands.js";
import { createCommandRegistry } from "../../../src/core/commands/index.js";

function card(rank: number, patch: Partial<PaperCard> = {}): PaperCard {
  return {
    id: `2608.${String(10000 + rank)}`,
    title: `Paper ${rank}`,
    url: `https://huggingface.co/papers/2608.${10000 + rank}`,
    authors: "A. Smith, B. Jones et al.",
    hfUpvotes: 12,
    localVotes: 1,
    summary: "One line.",
    links: [{ label: "Code", url: "https://github.com/x/y" }],
    thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2608.png",
    matched: null,
    snippet: null,
    rank,
    ...patch,
  };
}

const listing = (cards: PaperCard[], extra: OutboundMessage["blocks"] = []): OutboundMessage => ({
  blocks: [{ kind: "header", text: "Papers" }, ...cards.map((paper) => ({ kind: "paper" as const, paper })), ...extra],
  fallbackText: "Papers",
});

/** Asserts every documented limit on every payload. */
function expectWithinLimits(payloads: ReturnType<typeof renderMessage>): void {
  for (const p of payloads) {
    expect(p.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(p.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(p.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(p.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rowsPerMessage);
    expect(p.allowedMentions).toEqual({ parse: [] });
    for (const e of p.embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  }
}

describe("renderMessage (pure)", () => {
  it("renders a paper as an embed with title link, authors, summary, upvotes, links, matched line and thumbnail", () => {
    const [p] = renderMessage(listing([card(1, { matched: "tokenization (title)" })]));
    expect(p!.content).toBe("**Papers**");
    const e = p!.embeds[0]!;
    expect(e).toMatchObject({ title: "1. Paper 1", url: "https://huggingface.co/papers/2608.10001", thumbnail: { url: expect.stringContaining("huggingface.co") }, footer: { text: "arXiv 2608.10001" } });
    expect(e.description).toContain("A. Smith, B. Jones et al.");
    expect(e.fields).toEqual([
      { name: "Upvotes", value: "▲ 12 on HF · 1 here", inline: true },
      { name: "Links", value: "[Code](https://github.com/x/y)", inline: true },
      { name: "Matched", value: "tokenization (title)", inline: false },
    ]);
  });

  it("splits 25 papers into messages of at most 10 embeds", () => {
    const payloads = renderMessage(listing(Array.from({ length: 25 }, (_, i) => card(i + 1))));
    expect(payloads.map((p) => p.embeds.length)).toEqual([10, 10, 5]);
    expectWithinLimits(payloads);
  });

  it("splits on the 6000-character total and truncates over-long fields instead of failing", () => {
    const long = "word ".repeat(2000);
    const payloads = renderMessage(listing(Array.from({ length: 8 }, (_, i) => card(i + 1, { title: long, summary: long, matched: long, snippet: long }))));
    expect(payloads.length).toBeGreaterThan(1);
    expectWithinLimits(payloads);
    expect(payloads[0]!.embeds[0]!.title!.endsWith("…")).toBe(true);
  });

  it("splits content over 2000 characters at line breaks, and a single huge line hard", () => {
    const text = Array.from({ length: 60 }, (_, i) => `line ${i} ${"x".repeat(60)}`).join("\n");
    const payloads = renderMessage({ blocks: [{ kind: "text", text }, { kind: "text", text: "y".repeat(4500) }], fallbackText: "t" });
    expect(payloads.length).toBeGreaterThanOrEqual(4);
    expectWithinLimits(payloads);
    expect(payloads.map((p) => p.content).join("\n").replace(/\n/g, "")).toBe((text + "y".repeat(4500)).replace(/\n/g, ""));
    expect(splitText("a\nb", 2000)).toEqual(["a\nb"]);
  });

  it("splits 30 fields into embeds of at most 25 and keeps 12 buttons within 5 per row", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `k${i}`, value: `v${i}` }));
    const buttons = Array.from({ length: 12 }, (_, i) => ({ action: "upvote", label: `B${i}`, value: `2608.${10000 + i}` }));
    const payloads = renderMessage({ blocks: [{ kind: "fields", fields }, { kind: "actions", buttons }], fallbackText: "f" });
    expect(payloads[0]!.embeds.map((e) => e.fields!.length)).toEqual([25, 5]);
    expect(payloads[0]!.components.map((r) => r.components.length)).toEqual([5, 5, 2]);
    expectWithinLimits(payloads);
  });

  it("escapes markdown and neutralises every mention form in untrusted text", () => {
    const evil = card(1, { title: "**Bold** @everyone <@&123456789012345678> [x](https://evil.example)", summary: "hi @here <@123456789012345678> `code` _it_", authors: "<@!987654321098765432>" });
    const [p] = renderMessage({ ...listing([evil]), blocks: [{ kind: "header", text: "@everyone look" }, { kind: "paper", paper: evil }] });
    const all = JSON.stringify(p);
    expect(all).not.toMatch(/@everyone|@here|<@&\d|<@!?\d/);
    expect(p!.embeds[0]!.title).toContain("\\*\\*Bold\\*\\*");
    expect(p!.content).toContain("@\u200beveryone");
    expect(escapeUntrusted("a_b *c* ~~d~~ ||e|| > f")).not.toMatch(/(^|[^\\])[*_~|]/);
  });

  it("removes bidi overrides, isolates and marks from every string: title, summary, fields, buttons, content", () => {
    const bidi = "\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl";
    const payloads = renderMessage({
      blocks: [{ kind: "header", text: bidi }, { kind: "paper", paper: card(1, { title: bidi, summary: bidi, authors: bidi, matched: bidi }) }, { kind: "fields", fields: [{ label: bidi, value: bidi }] }, { kind: "actions", buttons: [{ action: "x", label: bidi, value: "v" }] }, { kind: "context", text: bidi }],
      fallbackText: bidi,
    });
    const all = JSON.stringify(payloads);
    expect(all).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(payloads[0]!.embeds[0]!.title).toBe("1. abcdefghijkl");
    expect(escapeUntrusted(`x${bidi}`)).toBe("xabcdefghijkl");
  });

  it("escapes what Discord reads at a line start (quotes, subtext, headings, lists), so an abstract starting with '> ' is not a quote", () => {
    const [p] = renderMessage(listing([card(1, { summary: "> quoted abstract" })]));
    expect(p!.embeds[0]!.description!.split("\n")).toContain("\\> quoted abstract");
    const lines = renderMessage({ blocks: [{ kind: "text", text: ">>> all quoted\n# Heading\n## h2\n-# subtext\n- item\n* item\n1. first\nplain a > b" }], fallbackText: "t" })[0]!.content!.split("\n");
    expect(lines).toEqual(["\\>>> all quoted", "\\# Heading", "\\## h2", "\\-# subtext", "\\- item", "\\* item", "1\\. first", "plain a > b"]);
    expect(escapeUntrusted("  > indented")).toBe("  \\> indented");
    expect(escapeUntrusted("[label](https://evil.example)")).toBe("\\[label](https://evil.example)");
  });

  it("drops links and thumbnails that are not http(s), and encodes parentheses in URLs", () => {
    const [p] = renderMessage(listing([card(1, { url: "javascript:alert(1)", thumbnail: "data:image/png;base64,xx", links: [{ label: "Code", url: "https://x.org/a_(b)" }] })]));
    const e = p!.embeds[0]!;
    expect(e.url).toBeUndefined();
    expect(e.thumbnail).toBeUndefined();
    expect(e.fields!.find((f) => f.name === "Links")!.value).toBe("[Code](https://x.org/a_%28b%29)");
  });

  it("makes buttons papers:<action>:<value> within 100 characters and drops longer ones", () => {
    const [p] = renderMessage({ blocks: [{ kind: "actions", buttons: [{ action: "summary", label: "Summary", value: "2608.10001" }, { action: "upvote", label: "Too long", value: "x".repeat(120) }] }], fallbackText: "b" });
    expect(p!.components[0]!.components.map((c) => c.custom_id)).toEqual(["papers:summary:2608.10001"]);
  });

  it("flags ephemeral replies and falls back to the fallback text for an empty message", () => {
    expect(renderMessage({ blocks: [{ kind: "text", text: "no" }], fallbackText: "no", ephemeral: true })[0]!.flags).toBe(64);
    expect(renderMessage({ blocks: [], fallbackText: "@here fallback" })[0]!.content).toBe("@\u200bhere fallback");
    expect(truncate("abcdef", 4)).toBe("abc…");
  });

  it("builds one /papers registration with a typed subcommand per command, within Discord's limits", () => {
    const [papers] = buildSlashCommands(createCommandRegistry().infos());
    expect(papers!.name).toBe("papers");
    expect(papers!.contexts).toEqual([0]);
    expect(papers!.default_member_permissions).toBeUndefined();
    const subs = new Map((papers!.options ?? []).map((o) => [o.name, o as { description: string; options?: { name: string; type: number; autocomplete?: boolean; choices?: unknown[]; max_length?: number }[] }]));
    expect([...subs.keys()]).toEqual(expect.arrayContaining(["today", "search", "summary", "subscribe", "unsubscribe", "topics", "upvote", "top", "help", "schedule", "settings", "pause", "resume", "status"]));
    for (const sub of subs.values()) expect(sub.description.length).toBeLessThanOrEqual(100);
    expect(subs.get("today")!.options).toEqual(expect.arrayContaining([expect.objectContaining({ name: "date", type: 3, max_length: 10 }), expect.objectContaining({ name: "topic", autocomplete: true })]));
    expect(subs.get("summary")!.options![0]).toMatchObject({ name: "paper", type: 3, autocomplete: true, required: true });
    expect(subs.get("top")!.options![0]!.choices).toEqual([{ name: "week", value: "week" }, { name: "month", value: "month" }]);
  });
});

import { describe, expect, it } from "vitest";
import type { OutboundMessage, PaperCard } from "../../../src/core/chat/message.js";
import { escapeMrkdwn, mrkdwnLink, safeUrl, truncate } from "../../../src/adapters/slack/escape-mrkdwn.js";
import { renderMessage, splitText } from "../../../src/adapters/slack/render-message.js";
import { SLACK_LIMITS } from "../../../src/adapters/slack/slack-limits.js";
import { parseSlackRef } from "../../../src/adapters/slack/slack-refs.js";
import { splitCommandText } from "../../../src/adapters/slack/parse-command.js";
import { redactSecrets } from "../../../src/adapters/slack/slack-logger.js";

const card = (over: Partial<PaperCard> = {}): PaperCard => ({
  id: "2607.23193",
  title: "OmniScope: Token Compression",
  url: "https://huggingface.co/papers/2607.23193",
  authors: "A. Smith, B. Jones et al.",
  hfUpvotes: 12,
  localVotes: 2,
  summary: "We compress tokens.",
  links: [{ label: "Code", url: "https://github.com/x/y" }],
  thumbnail: "https://cdn-thumbnails.huggingface.co/x.png",
  matched: null,
  snippet: null,
  rank: 1,
  ...over,
});

const paperMessage = (c: PaperCard): OutboundMessage => ({ blocks: [{ kind: "paper", paper: c }], fallbackText: c.title, ephemeral: false });
const everyText = (m: ReturnType<typeof renderMessage>) => JSON.stringify(m);

describe("renderMessage (pure)", () => {
  it("escapes mentions, links and entities in untrusted text everywhere, fallback included", () => {
    const evil = card({
      title: "<!channel> Attention <!here|here> & <@U123> <#C999> <https://evil.example|click>",
      authors: "<!everyone>",
      summary: "Hi @channel and @here, see <mailto:x@y.z>",
      matched: "<!subteam^S1>",
      links: [{ label: "Code <!channel>", url: "https://github.com/x/y?a=1&b=<2>|3" }],
    });
    const [out] = renderMessage({ blocks: [{ kind: "header", text: evil.title }, { kind: "paper", paper: evil }, { kind: "actions", buttons: [{ action: "x", label: "<!here>", value: "v" }] }], fallbackText: "<!channel> new paper & more" });
    const text = everyText([out!]);
    for (const bad of ["<!channel>", "<!here", "<!everyone>", "<@U123>", "<#C999>", "<https://evil", "<!subteam", "<mailto:"]) expect(text).not.toContain(bad);
    expect(out!.text).toBe("&lt;!channel&gt; new paper &amp; more");
    expect(text).toContain("&lt;!channel&gt; Attention");
    expect(text).toContain("@\u200bchannel and @\u200bhere");
    expect(text).toContain("<https://github.com/x/y?a=1&amp;b=%3C2%3E%7C3|Code &lt;!channel&gt;>");
  });

  it("shows titles with *bold*, snake_case_name and `backticks` exactly as written: plain_text, with the link beside it", () => {
    const title = "*Bold* claims about snake_case_name and `code` ~tilde~ & <more>";
    const [out] = renderMessage({ blocks: [{ kind: "header", text: title }, { kind: "paper", paper: card({ title, summary: "_italic_ *summary*", matched: "*m*" }) }, { kind: "text", text: "> not a quote *x*" }, { kind: "fields", fields: [{ label: "Topic", value: "_a_" }] }], fallbackText: title });
    const [header, section, context, text, fields] = out!.blocks as Record<string, any>[];
    const shown = "*Bold* claims about snake_case_name and `code` ~tilde~ &amp; &lt;more&gt;";
    expect(header!.text).toEqual({ type: "plain_text", text: shown, emoji: false });
    expect(section!.text).toEqual({ type: "plain_text", text: `1. ${shown}\n_italic_ *summary*`, emoji: false });
    expect(context!.elements[1]).toEqual({ type: "plain_text", text: "matched: *m*", emoji: false });
    expect(context!.elements[2].text).toBe("<https://huggingface.co/papers/2607.23193|Paper page> · <https://github.com/x/y|Code>");
    expect(text!.text).toEqual({ type: "plain_text", text: "&gt; not a quote *x*", emoji: false });
    expect(fields!.fields[0]).toEqual({ type: "plain_text", text: "Topic\n_a_", emoji: false });
    expect(everyText([out!])).not.toMatch(/[\u2217\uff3f\u02cb\u223c\uff1e]/);
    expect(out!.text).toBe(shown);
    expect(escapeMrkdwn("*Bold* _it_ ~s~ `code` snake_case 2*3 > q")).toBe("*Bold* _it_ ~s~ `code` snake_case 2*3 &gt; q");
  });

  it("removes bidi overrides, isolates and marks from every string, title and fallback included", () => {
    const title = "Safe \u202Etxt.exe\u202C title \u2066iso\u2069 \u200Fmark\u200E\u061C";
    const parts = renderMessage({ blocks: [{ kind: "header", text: title }, { kind: "paper", paper: card({ title, authors: "A\u202Db", summary: "s\u202A" }) }, { kind: "text", text: title }], fallbackText: title });
    const text = everyText(parts);
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(text).toContain("Safe txt.exe title iso mark");
  });

  it("renders a paper as a section with the title, summary and thumbnail accessory, then a context line with the links", () => {
    const [out] = renderMessage(paperMessage(card({ matched: "tokenization (title)", snippet: "token compression" })));
    const [section, context] = out!.blocks as { type: string; text?: { text: string }; accessory?: { image_url: string }; elements?: { text: string }[] }[];
    expect(section!.text!.text).toBe("1. OmniScope: Token Compression\nWe compress tokens.\n“token compression”");
    expect(section!.accessory!.image_url).toBe("https://cdn-thumbnails.huggingface.co/x.png");
    expect(context!.elements!.map((e) => e.text)).toEqual(["A. Smith, B. Jones et al. · ▲ 12 on HF · 2 here · 2607.23193", "matched: tokenization (title)", "<https://huggingface.co/papers/2607.23193|Paper page> · <https://github.com/x/y|Code>"]);
  });

  it("drops a thumbnail or link that is not http(s)", () => {
    const [out] = renderMessage(paperMessage(card({ thumbnail: "javascript:alert(1)", url: "javascript:alert(1)" })));
    const [section] = out!.blocks as Record<string, any>[];
    expect(section!.accessory).toBeUndefined();
    expect(section!.text.text.startsWith("1. OmniScope")).toBe(true);
    expect(JSON.stringify(out)).not.toContain("javascript:");
    expect(safeUrl("https://a.b/c d")).toBeNull();
  });

  it("keeps headers, sections, buttons and fallbacks within the limits", () => {
    const long = "x".repeat(10_000);
    const parts = renderMessage({
      blocks: [
        { kind: "header", text: long },
        { kind: "text", text: `${"word ".repeat(2000)}` },
        { kind: "actions", buttons: [{ action: "summary", label: long, value: long }] },
      ],
      fallbackText: long,
    });
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const block of part.blocks as { type: string; text?: { text: string }; elements?: { text: { text: string }; value: string }[] }[]) {
        if (block.type === "header") expect(block.text!.text.length).toBeLessThanOrEqual(150);
        if (block.type === "section") expect(block.text!.text.length).toBeLessThanOrEqual(3000);
        if (block.type === "actions") {
          expect(block.elements![0]!.text.text.length).toBeLessThanOrEqual(75);
          expect(block.elements![0]!.value.length).toBeLessThanOrEqual(2000);
        }
      }
    }
    const sections = parts.flatMap((p) => p.blocks).filter((b) => b.type === "section");
    expect(sections.length).toBe(4);
  });

  it("splits over 50 blocks and over the per-message character budget, never inside a paper", () => {
    const cards = Array.from({ length: 30 }, (_, i) => ({ kind: "paper" as const, paper: card({ rank: i + 1, summary: "s".repeat(1400) }) }));
    const parts = renderMessage({ blocks: [{ kind: "header", text: "Papers" }, ...cards], fallbackText: "30 papers" });
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(part.blocks.length).toBeLessThanOrEqual(50);
      expect(part.blocks[0]!.type).not.toBe("context");
      expect(part.text).toBe(`(${i + 1}/${parts.length}) 30 papers`);
    }
    expect(parts.flatMap((p) => p.blocks).length).toBe(61);
  });

  it("splits long text at line ends, then spaces, never inside an entity", () => {
    const parts = splitText(`${"a".repeat(2997)}&amp;${"b".repeat(100)}`, 3000);
    expect(parts[0]).toBe("a".repeat(2997));
    expect(parts[1]!.startsWith("&amp;")).toBe(true);
    expect(truncate("abc &amp;", 8)).toBe("abc …");
  });

  it("always has a fallback, even for an empty message", () => {
    expect(renderMessage({ blocks: [], fallbackText: "" })).toEqual([{ text: "papers-bot", blocks: [] }]);
    expect(mrkdwnLink("https://a.b", "x|y")).toBe("<https://a.b|x\u2223y>");
  });
});

describe("parsing helpers", () => {
  it("parses references strictly", () => {
    expect(parseSlackRef("slack:T1A:C2B")).toEqual({ teamId: "T1A", channelId: "C2B" });
    expect(parseSlackRef("slack:T1A:C2B:1712345678.000100")).toEqual({ teamId: "T1A", channelId: "C2B", ts: "1712345678.000100" });
    for (const bad of ["discord:G:C", "slack:T1A", "slack:T1A:C2B:x", "slack:t1:c2", "slack:T1A:C2B:1.2:extra"]) expect(parseSlackRef(bad)).toBeNull();
  });

  it("splits command text into the subcommand and the rest, unescaping Slack entities", () => {
    expect(splitCommandText("")).toEqual({ name: "", text: "" });
    expect(splitCommandText("  Search   \"flow matching\" -video ")).toEqual({ name: "search", text: '"flow matching" -video' });
    expect(splitCommandText("subscribe R&amp;D &lt;b&gt;")).toEqual({ name: "subscribe", text: "R&D <b>" });
  });

  it("redacts tokens and secrets from log text", () => {
    expect(redactSecrets("Bearer xoxb-123-abc and xapp-1-A-2 and s3cr3t-value!", ["s3cr3t-value"])).toBe("Bearer [redacted] and [redacted] and [redacted]!");
  });
});

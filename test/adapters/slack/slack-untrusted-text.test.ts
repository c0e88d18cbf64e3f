import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE, ingestHostilePaper } from "../../helpers/hostile-paper.js";
import { startHarness, type Harness } from "./slack-harness.js";

type Block = { type: string; text?: { type: string; text: string }; elements?: { type: string; text: string }[] };

describe.each(["socket", "http"] as const)("slack adapter over %s: untrusted paper text reaches Slack as written and inert", (mode) => {
  let h: Harness;
  let blocks: Block[];
  beforeAll(async () => {
    h = await startHarness(mode);
    await ingestHostilePaper(h.app.core.ingests, h.app.dir);
    const { ack } = await h.transport.command({ teamId: "T0001", channel: "C0AAA", user: "UMEMBER" }, "today");
    blocks = (ack as { blocks: Block[] }).blocks;
  });
  afterAll(async () => h.close());

  it("shows a title with *bold*, snake_case_name and `code` exactly as written (plain_text), without bidi controls", () => {
    const card = blocks.find((b) => b.type === "section" && b.text?.text.includes("txt.exe"))!;
    expect({ ...card.text, text: card.text!.text.replace(/^\d+\. /, "") }).toEqual({ type: "plain_text", text: `Safe txt.exe title *bold* snake_case_name \`code\` @\u200bhere\n&gt; Quoted claim that must not render as a block quote.`, emoji: false });
    expect(JSON.stringify(blocks)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2217\uff3f\u02cb]/);
    expect(HOSTILE.shownTitle).toBe("Safe txt.exe title *bold* snake_case_name `code` @here");
  });

  it("links the paper's page from the card's context line", () => {
    const index = blocks.findIndex((b) => b.type === "section" && b.text?.text.includes("txt.exe"));
    const context = blocks[index + 1]!;
    expect(context.type).toBe("context");
    expect(context.elements!.at(-1)!.text).toContain(`<https://huggingface.co/papers/${HOSTILE.id}|Paper page>`);
  });
});

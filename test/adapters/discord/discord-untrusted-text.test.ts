import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE, ingestHostilePaper } from "../../helpers/hostile-paper.js";
import { runSlash, startHarness, type Harness } from "./discord-harness.js";

type Embed = { title: string; description: string; footer: { text: string } };

describe("discord adapter: untrusted paper text reaches Discord inert", () => {
  let h: Harness;
  let embed: Embed;
  beforeAll(async () => {
    h = await startHarness();
    await ingestHostilePaper(h.app.core.ingests, h.app.dir);
    const { callback } = await runSlash(h, "today", []);
    const embeds = ((callback.body as { data: { embeds: Embed[] } }).data.embeds);
    embed = embeds.find((e) => e.footer.text === `arXiv ${HOSTILE.id}`)!;
  });
  afterAll(async () => h.close());

  it("the title has no bidi override or isolate left, and its marks are escaped so they show as written", () => {
    expect(embed.title).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(embed.title.replace(/^\d+\. /, "")).toBe("Safe txt.exe title \\*bold\\* snake\\_case\\_name \\`code\\` @\u200bhere");
  });

  it("a summary that starts with '> ' is escaped, so it is not a block quote", () => {
    const lines = embed.description.split("\n");
    expect(lines).toContain("\\> Quoted claim that must not render as a block quote.");
    expect(lines.some((l) => /^\s*>/.test(l))).toBe(false);
  });
});

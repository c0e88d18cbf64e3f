import { afterEach, describe, expect, it } from "vitest";
import { loadBundledSample } from "../../src/cli/ingest-file.js";
import type { PaperInput } from "../../src/core/papers/paper.js";
import { createTestApp, say } from "../helpers/test-app.js";

const paper = (id: string, title: string, abstract: string, dailyDate: string): PaperInput => ({
  id,
  source: "hf",
  title,
  abstract,
  authors: ["Jane Doe"],
  dailyDate,
});

describe("subscribe's preview says what it looked at, and blames spelling only for unknown words", () => {
  let app: ReturnType<typeof createTestApp>;
  afterEach(() => app.cleanup());

  it("on the offline sample, a topic no paper matches gets the count looked at and the closest paper, not a spelling hint", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    await loadBundledSample(app.core.ingests);
    const looked = (await app.ports.papers.listSince("2026-07-25")).length;
    expect(looked).toBeGreaterThan(1);
    const reply = await say(app, "subscribe tokenization");
    expect(reply.fallbackText).toBe(
      `Subscribed this channel to tokenization. None of the ${looked} papers listed from 2026-07-25 to 2026-09-24 matched it; ` +
        'the closest is "Signal2Symbol: Neuro-Symbolic Temporal Reasoning for Explainable Physiological Time-Series Anomaly Detection" (2609.26820).',
    );
    expect(reply.fallbackText).not.toMatch(/spelling|broader/);
  });

  it("names a word no stored paper contains and asks to check its spelling, still showing the closest for the other words", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    await loadBundledSample(app.core.ingests);
    const alone = await say(app, "subscribe tokenizaton");
    expect(alone.fallbackText).toMatch(/matched it, and no stored paper contains "tokenizaton": check its spelling\. New papers are checked against it as they arrive\.$/);
    const mixed = await say(app, "subscribe tokenizaton compression");
    expect(mixed.fallbackText).toMatch(/no stored paper contains "tokenizaton": check its spelling; the closest is "OmniScope: .*" \(2607\.23193\)\.$/);
    expect(mixed.fallbackText).not.toMatch(/"compression"/);
    const two = await say(app, "subscribe tokenizaton qwertyuiop");
    expect(two.fallbackText).toMatch(/no stored paper contains "tokenizaton" or "qwertyuiop": check their spelling\./);
  });

  it("with nothing stored from the window, says there is nothing to preview", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    const reply = await say(app, "subscribe tokenization");
    expect(reply.fallbackText).toBe(
      "Subscribed this channel to tokenization. No papers are stored from the last 7 days yet, so there is nothing to preview; new papers are checked against it as they arrive.",
    );
  });

  it("counts one stored paper in the singular, and one match with its title", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    await app.ports.papers.upsert([paper("2607.00001", "Sparse Routing for Experts", "We route tokens to experts.", "2026-08-01")]);
    expect((await say(app, "subscribe diffusion")).fallbackText).toBe(
      'Subscribed this channel to diffusion. The only paper stored from the last 7 days did not match it, and no stored paper contains "diffusion": check its spelling. New papers are checked against it as they arrive.',
    );
    expect((await say(app, "subscribe routing")).fallbackText).toBe(
      'Subscribed this channel to routing. In the last 7 days it would have matched 1 paper: "Sparse Routing for Experts" (2607.00001).',
    );
  });

  it("when only older papers mention the topic, shows them as the closest from before the window", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    await app.ports.papers.upsert([
      paper("2607.00001", "Sparse Routing for Experts", "We route tokens to experts.", "2026-08-01"),
      paper("2607.00002", "Vision Models", "A passing note on speculative decoding.", "2026-08-01"),
      paper("2605.00003", "Speculative Decoding at Scale", "Drafts and verifies tokens.", "2026-05-02"),
    ]);
    const reply = await say(app, "subscribe speculative decoding");
    expect(reply.fallbackText).toBe(
      'Subscribed this channel to speculative decoding. None of the 2 papers stored from the last 7 days matched it; the closest is "Vision Models" (2607.00002).',
    );
    const older = await say(app, "subscribe mamba OR decoding -passing");
    expect(older.fallbackText).toBe(
      'Subscribed this channel to mamba OR decoding -passing. None of the 2 papers stored from the last 7 days matched it, and no stored paper contains "mamba": check its spelling; ' +
        'the closest stored paper, from before then, is "Speculative Decoding at Scale" (2605.00003).',
    );
  });

  it("says the channel already follows a topic ending in a question mark without a doubled mark", async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
    expect((await say(app, "subscribe which tokenizer?")).fallbackText).toMatch(/^Subscribed this channel to which tokenizer\? No papers/);
    expect((await say(app, "subscribe which tokenizer?")).fallbackText).toMatch(/^This channel already follows which tokenizer\? No papers/);
  });
});

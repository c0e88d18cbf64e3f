import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { createTestApp, say } from "../helpers/test-app.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");
const HF_FILES = ["hf-daily-papers-2026-06-12-nodate-limit100-sotawhat.json", "hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"];

describe("topics and searches with nothing to match on are refused, through the command path", () => {
  let app: ReturnType<typeof createTestApp>;

  beforeEach(async () => {
    app = createTestApp({ now: "2026-08-04T09:00:00Z" });
    for (const file of HF_FILES) expect((await ingestFile(app.core.ingests, join(FIXTURES, file))).status).toBe("ok");
  });
  afterEach(() => app.cleanup());

  const subscribed = async () => (await app.ports.subscriptions.list("shell:local:test")).map((s) => s.topic);

  it.each([
    ["and", /^Topics need at least one content word; "and" is too common to match on\. Try: \/papers subscribe tokenization or \/papers subscribe diffusion OR "flow matching"\.$/],
    ["the OR of", /^Topics need at least one content word; "the" and "of" are too common to match on\. Try: /],
    ['"AND (', /^Topics need at least one content word; "and" is too common to match on \(words are already all required, so AND is not needed\)\. Try: /],
    ['"of the"', /^Topics need at least one content word; "of" and "the" are too common to match on\. Try: /],
    ["diffusion OR the", /^Each OR alternative needs at least one content word; "the" is too common to match on on its own\. Try: /],
  ])("subscribe %s is refused with why and an example, and nothing is stored", async (topic, message) => {
    const reply = await say(app, `subscribe ${topic}`);
    expect(reply.ephemeral).toBe(true);
    expect(reply.fallbackText).toMatch(message);
    expect(reply.fallbackText).not.toMatch(/would have matched/);
    expect(await subscribed()).toEqual([]);
  });

  it.each(["((((", "🔥🚀", "*:^ -- ()"])("subscribe %s says it has no words, not 'type at least one word'", async (topic) => {
    const reply = await say(app, `subscribe ${topic}`);
    expect(reply.fallbackText).not.toMatch(/Type at least one word/);
    expect(reply.fallbackText).toContain(`"${topic}" has no words, only punctuation, symbols or search syntax, so there is nothing to match on. Try: /papers subscribe tokenization`);
    expect(await subscribed()).toEqual([]);
  });

  it.each([
    ["and", /^Searches need at least one content word; "and" is too common to match on\. Try: \/papers search "speculative decoding" or \/papers search diffusion OR "flow matching"\.$/],
    ["the OR of", /^Searches need at least one content word; "the" and "of" are too common/],
    ['"AND (', /^Searches need at least one content word; "and" is too common to match on \(words are already/],
    ["((((", /^"\(\(\(\(" has no words, only punctuation, symbols or search syntax, so there is nothing to match on\. Try: \/papers search /],
  ])("search %s is refused the same way", async (query, message) => {
    const reply = await say(app, `search ${query}`);
    expect(reply.ephemeral).toBe(true);
    expect(reply.blocks.some((b) => b.kind === "paper")).toBe(false);
    expect(reply.fallbackText).toMatch(message);
  });

  it("topics and searches with a content word still work, stopwords and all", async () => {
    expect((await say(app, "subscribe memory for agents")).fallbackText).toMatch(/^Subscribed this channel to memory for agents\./);
    expect((await say(app, "subscribe the OR memory")).fallbackText).toMatch(/^Each OR alternative/);
    expect((await say(app, "search the memory")).blocks.some((b) => b.kind === "paper")).toBe(true);
    expect(await subscribed()).toEqual(["memory for agents"]);
  });
});

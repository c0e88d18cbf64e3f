import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("votes.emoji config", () => {
  let dir: string;
  const write = (votes: unknown): void => writeFileSync(join(dir, "config/papers.json"), JSON.stringify({ votes }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-votes-config-"));
    mkdirSync(join(dir, "config"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts names with or without colons, Slack skin-tone names, custom emoji names and emoji characters", () => {
    write({ emoji: ["thumbsup", ":+1:", "+1::skin-tone-2", "partyparrot", "❤️", "👍🏽", " heart "] });
    expect(loadConfig({}, dir).config.votes.emoji).toEqual(["thumbsup", ":+1:", "+1::skin-tone-2", "partyparrot", "❤️", "👍🏽", "heart"]);
  });

  it("refuses a spelling no reaction can have, naming the key and the fix", () => {
    write({ emoji: ["thumbs up"] });
    expect(() => loadConfig({}, dir)).toThrow(/"votes\.emoji\.0": is neither an emoji nor an emoji name .* e\.g\. thumbsup, \+1, heart/);
  });
});

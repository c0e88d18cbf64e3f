import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { slackConfigSchema } from "../../../src/adapters/slack/slack-config.js";
import { SLACK_BOT_SCOPES } from "../../../src/adapters/slack/slack-scopes.js";

const manifest = readFileSync(join(import.meta.dirname, "../../../manifest.yml"), "utf8");
const listUnder = (key: string): string[] => {
  const block = manifest.split(`${key}:\n`)[1] ?? "";
  const items: string[] = [];
  for (const line of block.split("\n")) {
    if (/^\s*#/.test(line) || line.trim() === "") continue;
    const m = /^\s+- (\S+)$/.exec(line);
    if (!m) break;
    items.push(m[1]!);
  }
  return items;
};

describe("manifest.yml", () => {
  it("declares the command, events, scopes, interactivity and Socket Mode the adapter uses", () => {
    expect(manifest).toContain(`- command: ${slackConfigSchema.parse({}).command}`);
    expect(listUnder("bot_events")).toEqual(["reaction_added", "reaction_removed", "app_uninstalled", "tokens_revoked"]);
    expect(listUnder("bot")).toEqual(expect.arrayContaining(["commands", "chat:write", "reactions:read", "channels:read", "groups:read", "users:read", "channels:history", "groups:history"]));
    // The OAuth install asks for exactly the scopes the manifest grants.
    expect(listUnder("bot")).toEqual([...SLACK_BOT_SCOPES]);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).not.toMatch(/\t/);
    // The Redirect URL to add for OAuth distribution is the path the adapter serves.
    expect(manifest).toContain(`#   - https://papers.example.org${slackConfigSchema.parse({}).redirectPath}`);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { INVITE_PERMISSIONS, inviteUrl, printInviteUrl, registerDiscordCommands } from "../../../src/cli/discord-tools.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";

describe("discord tools: invite URL and command registration", () => {
  let fake: FakeDiscord | null = null;
  afterEach(async () => fake?.close());

  it("builds the invite URL with bot + applications.commands and exactly the needed permissions", () => {
    const url = new URL(inviteUrl("123456789012345678"));
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    // View Channel 1024, Send Messages 2048, Embed Links 16384, Read Message History 65536, Add Reactions 64,
    // Create Public Threads 2^35, Send Messages in Threads 2^38.
    expect(BigInt(url.searchParams.get("permissions")!)).toBe(1024n + 2048n + 16384n + 65536n + 64n + (1n << 35n) + (1n << 38n));
    expect(INVITE_PERMISSIONS.has("ManageChannels")).toBe(false);
    let printed = "";
    printInviteUrl("123456789012345678", (t) => (printed += t));
    expect(printed).toContain(url.toString());
  });

  it("registers /papers in one guild, looking the application id up when it is not configured, and globally", async () => {
    fake = await startFakeDiscord();
    const guild = await registerDiscordCommands({ token: "t", guildId: fake.guilds[0]!.id, apiBase: fake.apiBase });
    expect(guild).toMatchObject({ applicationId: fake.applicationId, scope: `guild ${fake.guilds[0]!.id}` });
    await registerDiscordCommands({ token: "t", applicationId: fake.applicationId, apiBase: fake.apiBase });
    expect(fake.commands.map((c) => c.route)).toEqual([`/applications/${fake.applicationId}/guilds/${fake.guilds[0]!.id}/commands`, `/applications/${fake.applicationId}/commands`]);
    const body = fake.commands[0]!.body as { name: string; options: { name: string }[] }[];
    expect(body[0]!.name).toBe("papers");
    expect(body[0]!.options.length).toBeGreaterThan(10);
    expect(fake.requests.every((r) => r.headers.authorization === "[redacted]")).toBe(true);
  });
});

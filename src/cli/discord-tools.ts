import { Command } from "commander";
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, REST, Routes } from "discord.js";
import { discordConfigSchema, type DiscordConfig } from "../adapters/discord/discord-config.js";
import { registerSlashCommands } from "../adapters/discord/register-commands.js";
import { endSentence } from "../core/chat/end-sentence.js";
import { plural } from "../core/chat/plural.js";
import type { CommandDefinitionInfo } from "../core/chat/command-info.js";
import { createCommandRegistry } from "../core/commands/index.js";
import { isBotError } from "../core/errors.js";
import { loadConfigOrExit } from "../load-config-or-exit.js";
import { isEntryPoint } from "../is-entry-point.js";

/** What the bot needs in a channel: see it, post (also in threads), start digest threads, embed, react, read history for the reconcile. */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.ReadMessageHistory,
]);

/** The OAuth2 invite URL: scopes `bot` and `applications.commands`, with INVITE_PERMISSIONS. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: INVITE_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** Prints the invite URL with a one-line explanation; returns the URL. */
export function printInviteUrl(applicationId: string, write: (text: string) => void = (t) => process.stdout.write(t)): string {
  const url = inviteUrl(applicationId);
  write(`Open this URL as a server admin to add papers-bot (scopes: bot, applications.commands; permissions: ${INVITE_PERMISSIONS.toArray().join(", ")}):\n${url}\n`);
  return url;
}

/** Options for registerDiscordCommands. */
export interface RegisterOptions {
  /** Bot token; never printed. */
  token: string;
  /** Application id; default: `GET /applications/@me`. */
  applicationId?: string | null;
  /** One guild (instant), or null/undefined for global. */
  guildId?: string | null;
  /** REST origin including `/api` (tests). */
  apiBase?: string;
  /** Definitions to register; default: the full command registry. */
  defs?: CommandDefinitionInfo[];
}

/** Registers `/papers` globally or in one guild over REST (no gateway); returns where it went. */
export async function registerDiscordCommands(options: RegisterOptions): Promise<{ applicationId: string; scope: string; subcommands: number }> {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const applicationId = options.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const defs = options.defs ?? createCommandRegistry().infos();
  await registerSlashCommands(rest, applicationId, options.guildId ?? null, defs);
  return { applicationId, scope: options.guildId ? `guild ${options.guildId}` : "global", subcommands: defs.length };
}

/** The `discord` config section (defaults until config.ts carries it) and the token. */
function discordSettings(): { discord: DiscordConfig; token: string | null } {
  const loaded = loadConfigOrExit();
  const section = (loaded.config as { discord?: unknown }).discord;
  return { discord: discordConfigSchema.parse(section ?? {}), token: loaded.env.discordToken };
}

function fail(message: string): never {
  process.stderr.write(`papers discord: ${message}\n`);
  process.exit(1);
}

/** `discord-tools invite|register`: the npm scripts `discord:invite` and `discord:register`. */
export function buildDiscordToolsCli(): Command {
  const program = new Command("discord-tools").description("Discord setup: invite URL and slash command registration");
  program
    .command("invite")
    .description("Print the invite URL (needs the application id from config, --application-id, or DISCORD_TOKEN to look it up)")
    .option("--application-id <id>", "application id from the Developer Portal")
    .action(async (opts: { applicationId?: string }) => {
      const { discord, token } = discordSettings();
      let id = opts.applicationId ?? discord.applicationId;
      if (!id && token) id = ((await new REST({ api: discord.apiBase }).setToken(token).get(Routes.currentApplication())) as { id: string }).id;
      if (!id) fail("no application id: pass --application-id, set discord.applicationId in the config, or set DISCORD_TOKEN so it can be looked up.");
      printInviteUrl(id);
    });
  program
    .command("register")
    .description("Register /papers: in one guild with --guild (instant) or globally (up to an hour to appear)")
    .option("--guild <id>", "register in this guild only (default: discord.guildId from the config, else global)")
    .option("--global", "register globally even when discord.guildId is set")
    .action(async (opts: { guild?: string; global?: boolean }) => {
      const { discord, token } = discordSettings();
      if (!token) fail("DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token) into the environment.");
      const guildId = opts.global ? null : (opts.guild ?? discord.guildId);
      try {
        const done = await registerDiscordCommands({ token, applicationId: discord.applicationId, guildId, apiBase: discord.apiBase });
        process.stdout.write(`Registered /papers with ${plural(done.subcommands, "subcommand")} (${done.scope}, application ${done.applicationId}).\n`);
      } catch (err) {
        fail(isBotError(err) ? err.message : `${endSentence(`Discord refused the registration: ${(err as Error).message}`)} Check DISCORD_TOKEN and the application id.`);
      }
    });
  return program;
}


if (isEntryPoint(import.meta.url)) await buildDiscordToolsCli().parseAsync(process.argv);

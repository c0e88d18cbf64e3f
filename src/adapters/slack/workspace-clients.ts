import type { webApi } from "@slack/bolt";
import { SendError } from "../../core/chat/chat-adapter.js";
import { classifySlackError } from "./classify-slack-error.js";
import type { Logger } from "../../core/logger.js";
import { INSTALL_CACHE_MS, type SlackInstallations } from "./slack-installations.js";

/** A workspace the bot can act in: a Web API client holding its token, and the bot's user there. */
export interface Workspace {
  /** Team id. */
  teamId: string;
  /** A client authorized for this workspace (never log it: it holds the token). */
  client: webApi.WebClient;
  /** The bot's user id in this workspace, or null when unknown. */
  botUserId: string | null;
}

/** Finds the client of the workspace a conversation belongs to. */
export interface WorkspaceClients {
  /** The workspace `teamId`, or null when the bot is not installed there. */
  get(teamId: string): Promise<Workspace | null>;
  /** Runs `work` with the workspace's client; throws a permanent SendError `not_installed` when the bot is not installed there. With OAuth, an auth error from a cached token re-reads the install once and retries when the token changed (a reinstall elsewhere). */
  run<T>(teamId: string, work: (workspace: Workspace) => Promise<T>): Promise<T>;
}

/** Slack errors meaning "this token no longer works". */
const AUTH_ERRORS: ReadonlySet<string> = new Set(["invalid_auth", "token_revoked", "account_inactive", "not_authed", "token_expired"]);

/** The SendError a post to a workspace without an install fails with. */
export function notInstalled(teamId: string, installPath: string): SendError {
  return new SendError(`the bot is not installed in workspace ${teamId}; reinstall it at ${installPath}`, { permanent: true, reason: "not_installed" });
}

/** One workspace, one token (SLACK_BOT_TOKEN): every conversation uses the app's client, as before OAuth. */
export function singleWorkspace(client: webApi.WebClient, identity: () => { teamId: string; botUserId: string | null } | null): WorkspaceClients {
  const get = async (teamId: string): Promise<Workspace> => ({ teamId, client, botUserId: identity()?.botUserId ?? null });
  return { get, run: async (teamId, work) => work(await get(teamId)) };
}

/** Workspaces (team ids) an org-wide install's token reaches, through auth.teams.list, all pages. */
async function teamsOf(client: webApi.WebClient): Promise<Set<string>> {
  const teams = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await client.auth.teams.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const team of result.teams ?? []) if (team.id) teams.add(team.id);
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return teams;
}

/**
 * Many workspaces through OAuth: each conversation's token comes from its workspace's install,
 * else from an org-wide install whose org holds that workspace (auth.teams.list, cached);
 * one client per token.
 */
export function installedWorkspaces(installations: SlackInstallations, makeClient: (token: string) => webApi.WebClient, installPath: string, logger: Logger): WorkspaceClients {
  const clients = new Map<string, webApi.WebClient>();
  const orgTeams = new Map<string, { teams: Set<string>; until: number }>();
  const clientOf = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = makeClient(token);
      clients.set(token, client);
    }
    return client;
  };
  async function orgFor(teamId: string, fresh: boolean) {
    for (const org of await installations.orgWide({ fresh })) {
      const enterpriseId = org.enterprise?.id;
      if (!enterpriseId || !org.bot?.token) continue;
      let known = orgTeams.get(enterpriseId);
      if (fresh || !known || known.until <= Date.now()) {
        try {
          known = { teams: await teamsOf(clientOf(org.bot.token)), until: Date.now() + INSTALL_CACHE_MS };
        } catch (err) {
          logger.warn({ enterpriseId, reason: classifySlackError(err).reason }, "could not list the workspaces of an org-wide Slack install");
          known = { teams: new Set(), until: Date.now() + INSTALL_CACHE_MS };
        }
        orgTeams.set(enterpriseId, known);
      }
      if (known.teams.has(teamId)) return org;
    }
    return null;
  }
  async function load(teamId: string, fresh: boolean): Promise<(Workspace & { token: string }) | null> {
    const installation = (await installations.forTeam(teamId, { fresh })) ?? (await orgFor(teamId, fresh));
    const token = installation?.bot?.token;
    if (!installation || !token) return null;
    return { teamId, client: clientOf(token), token, botUserId: installation.bot?.userId ?? null };
  }
  return {
    get: (teamId) => load(teamId, false),
    async run(teamId, work) {
      const workspace = await load(teamId, false);
      if (!workspace) throw notInstalled(teamId, installPath);
      try {
        return await work(workspace);
      } catch (err) {
        const reason = err instanceof SendError ? err.reason : classifySlackError(err).reason;
        if (!AUTH_ERRORS.has(reason)) throw err;
        const fresh = await load(teamId, true);
        if (!fresh) throw notInstalled(teamId, installPath);
        if (fresh.token === workspace.token) throw err;
        clients.delete(workspace.token);
        return work(fresh);
      }
    },
  };
}

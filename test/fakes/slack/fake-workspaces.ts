/** The fake Slack's side of OAuth: workspaces, the codes its authorize page hands out, and the bot tokens they turn into. */

/** One workspace's install, as the fake issued it. */
export interface FakeInstall {
  /** Team id (`T…`); for an org-wide install, a workspace of the org. */
  teamId: string;
  /** Team name. */
  teamName: string;
  /** The bot's user id in that workspace. */
  botUserId: string;
  /** The bot id. */
  botId: string;
  /** The bot token issued. */
  token: string;
  /** Granted scopes. */
  scopes: string[];
  /** Enterprise id, or null outside Enterprise Grid. */
  enterpriseId: string | null;
  /** An org-wide install (the whole Enterprise Grid org). */
  orgWide: boolean;
  /** Org-wide installs: the org's workspaces the token reaches (auth.teams.list). */
  orgTeams: string[];
}

/** What approving an install may set. */
export interface ApproveOptions {
  /** Team name. Default "Workspace <id>". */
  teamName?: string;
  /** The bot's user id. Default UBOT<id>. */
  botUserId?: string;
  /** Enterprise id. */
  enterpriseId?: string;
  /** An org-wide install. */
  orgWide?: boolean;
  /** Scopes granted. Default commands,chat:write. */
  scopes?: string[];
  /** Org-wide installs: the org's workspaces. */
  orgTeams?: string[];
}

/** Codes, tokens and installs, answering oauth.v2.access and auth.test as Slack does. */
export class FakeWorkspaces {
  /** Every token ever issued (revoked ones too), so posts can be told apart by team afterwards. */
  readonly issued = new Map<string, FakeInstall>();
  private readonly active = new Set<string>();
  private readonly codes = new Map<string, FakeInstall>();
  private seq = 0;

  constructor(
    /** The app's client id. */
    readonly clientId: string,
    /** The app's client secret. */
    readonly clientSecret: string,
  ) {}

  /** What Slack's authorize page does when someone approves the install: a one-time code for that workspace, turning into a new token. */
  approve(teamId: string, options: ApproveOptions = {}): string {
    this.seq += 1;
    const install: FakeInstall = {
      teamId,
      teamName: options.teamName ?? `Workspace ${teamId}`,
      botUserId: options.botUserId ?? `UBOT${teamId}`,
      botId: `B${teamId}`,
      token: `xoxb-${teamId.toLowerCase()}-${this.seq}-fake`,
      scopes: options.scopes ?? ["commands", "chat:write"],
      enterpriseId: options.enterpriseId ?? null,
      orgWide: options.orgWide ?? false,
      orgTeams: options.orgTeams ?? [],
    };
    const code = `code-${teamId}-${this.seq}`;
    this.codes.set(code, install);
    return code;
  }

  /** Makes a token valid without the OAuth dance (the single-workspace token). */
  add(install: FakeInstall): void {
    this.issued.set(install.token, install);
    this.active.add(install.token);
  }

  /** Revokes every token of a workspace, as uninstalling does. */
  revoke(teamId: string): void {
    for (const token of this.active) if (this.issued.get(token)?.teamId === teamId) this.active.delete(token);
  }

  /** The install behind a live `Authorization: Bearer` header, or null. */
  installOf(auth: string | null): FakeInstall | null {
    const token = auth?.replace(/^Bearer /, "") ?? "";
    return this.active.has(token) ? (this.issued.get(token) ?? null) : null;
  }

  /** The team a header's token was issued for, revoked or not. */
  teamOf(auth: string | null): string | null {
    return this.issued.get(auth?.replace(/^Bearer /, "") ?? "")?.teamId ?? null;
  }

  /** oauth.v2.access: a code (once) and the app's credentials for a bot token, shaped as Slack answers. */
  exchange(p: Record<string, unknown>, auth: string | null): Record<string, unknown> {
    const basic = auth?.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8").split(":") : [];
    const clientId = String(p.client_id ?? basic[0] ?? "");
    const clientSecret = String(p.client_secret ?? basic[1] ?? "");
    if (clientId !== this.clientId) return { ok: false, error: "invalid_client_id" };
    if (clientSecret !== this.clientSecret) return { ok: false, error: "bad_client_secret" };
    const install = this.codes.get(String(p.code ?? ""));
    if (!install) return { ok: false, error: "invalid_code" };
    this.codes.delete(String(p.code));
    this.add(install);
    return {
      ok: true,
      access_token: install.token,
      token_type: "bot",
      scope: install.scopes.join(","),
      bot_user_id: install.botUserId,
      app_id: "A0001",
      team: install.orgWide ? null : { id: install.teamId, name: install.teamName },
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: `Org ${install.enterpriseId}` } : null,
      is_enterprise_install: install.orgWide,
      authed_user: { id: "UINSTALLER" },
    };
  }

  /** Whether a live token may act in workspace `teamId` (its own, or one of its org's for an org-wide install). */
  reaches(install: FakeInstall, teamId: string): boolean {
    return install.teamId === teamId || (install.orgWide && install.orgTeams.includes(teamId));
  }

  /** auth.teams.list: the workspaces a token reaches. */
  teams(install: FakeInstall): Record<string, unknown> {
    const ids = install.orgWide ? install.orgTeams : [install.teamId];
    return { ok: true, teams: ids.map((id) => ({ id, name: `Workspace ${id}` })), response_metadata: { next_cursor: "" } };
  }

  /** auth.test for a live token. */
  authTest(install: FakeInstall): Record<string, unknown> {
    return {
      ok: true,
      url: `https://${install.teamId.toLowerCase()}.fake.slack.com/`,
      team: install.teamName,
      user: "papers",
      team_id: install.teamId,
      user_id: install.botUserId,
      bot_id: install.botId,
      ...(install.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
      is_enterprise_install: install.orgWide,
    };
  }
}

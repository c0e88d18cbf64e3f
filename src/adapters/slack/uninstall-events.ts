import type { App } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import { installKeyOf, type InstallationLookup, type SlackInstallations } from "./slack-installations.js";

/** The envelope fields that say which install an event is about. */
interface InstallEnvelope {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: { team_id?: string | null; enterprise_id?: string | null; is_enterprise_install?: boolean }[];
}

/** Which install an Events API envelope concerns: the org-wide one for an org-wide install, else the team's. */
export function installOfEnvelope(body: InstallEnvelope): InstallationLookup {
  const auth = body.authorizations?.[0];
  return {
    teamId: body.team_id ?? auth?.team_id ?? null,
    enterpriseId: body.enterprise_id ?? auth?.enterprise_id ?? null,
    isEnterpriseInstall: body.is_enterprise_install ?? auth?.is_enterprise_install ?? false,
  };
}

/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens) remove the workspace's install, so later
 * posts there fail with "not installed" instead of invalid_auth. Bolt runs these two events
 * without authorizing them, since the install may already be gone.
 */
export function registerUninstallEvents(app: App, installations: SlackInstallations, logger: Logger): void {
  const remove = async (body: InstallEnvelope, why: string) => {
    const lookup = installOfEnvelope(body);
    const removed = await installations.remove(lookup);
    logger.info({ installKey: installKeyOf(lookup), removed, why }, removed ? "removed the Slack install" : "no Slack install to remove");
  };
  app.event("app_uninstalled", async ({ body }) => remove(body as InstallEnvelope, "app_uninstalled"));
  app.event("tokens_revoked", async ({ body, event }) => {
    if ((event.tokens.bot ?? []).length === 0) {
      logger.info({ installKey: installKeyOf(installOfEnvelope(body as InstallEnvelope)) }, "only user tokens were revoked; the bot's Slack install stays");
      return;
    }
    await remove(body as InstallEnvelope, "tokens_revoked");
  });
}

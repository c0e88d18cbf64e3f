import type { ServerResponse } from "node:http";
import type { Installation } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

/** The two OAuth callbacks Bolt's installer calls after /slack/oauth_redirect. */
export interface OAuthPages {
  /** The install was stored: says where, and what to do next in Slack. */
  success(installation: Installation, options: unknown, req: unknown, res: ServerResponse): void;
  /** The install failed: says why in plain words, and how to start again. */
  failure(error: Error & { code?: string }, options: unknown, req: unknown, res: ServerResponse): void;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** A small complete HTML page. */
function page(res: ServerResponse, status: number, title: string, paragraphs: string[]): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;line-height:1.5"><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(body);
}

/** What went wrong, from the installer's error, in words a person installing the app can act on. */
function explain(error: Error & { code?: string; data?: { error?: string } }, installPath: string): { status: number; why: string } {
  const again = `Start again at <a href="${escapeHtml(installPath)}">${escapeHtml(installPath)}</a>`;
  if (error.code === "slack_oauth_invalid_state" || error.code === "slack_oauth_missing_state") {
    return { status: 400, why: `This install link has expired or was opened in another browser. ${again}, in the same browser, within 10 minutes.` };
  }
  if (error.code === "slack_oauth_missing_code") return { status: 400, why: `Slack sent no authorization code. ${again}.` };
  if (error.code === "slack_oauth_installer_authorization_error") return { status: 400, why: `The install was cancelled in Slack. ${again} when you are ready.` };
  const said = error.data?.error ? ` (Slack said ${escapeHtml(error.data.error)})` : "";
  return { status: 502, why: `Slack did not complete the install${said}. ${again}; if it fails again, ask the bot's operator to check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET and the bot's log.` };
}

/** The success and failure pages of the OAuth flow; failures are logged with their code (never a token). */
export function createOAuthPages(installPath: string, command: string, logger: Logger): OAuthPages {
  return {
    success(installation, _options, _req, res) {
      const where = installation.team?.name ?? installation.enterprise?.name ?? "your workspace";
      page(res, 200, "Papers Bot is installed", [
        `Papers Bot is now installed in <strong>${escapeHtml(where)}</strong>.`,
        `Next, in Slack: invite it to a channel (<code>/invite @papers</code>), then type <code>${escapeHtml(command)} help</code> there. <code>${escapeHtml(command)} schedule 09:00</code> sets up the daily post.`,
        "You can close this page.",
      ]);
    },
    failure(error, _options, _req, res) {
      const { status, why } = explain(error, installPath);
      logger.warn({ code: error.code ?? "unknown", slackError: (error as { data?: { error?: string } }).data?.error ?? null }, "Slack install failed");
      page(res, status, "Papers Bot was not installed", [why]);
    },
  };
}

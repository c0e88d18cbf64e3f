import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ingestFile } from "../../../src/cli/ingest-file.js";
import type { InstallationStore } from "../../../src/core/installations/installation-store.js";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/slack-adapter.js";
import { slackConfigSchema } from "../../../src/adapters/slack/slack-config.js";
import { parseInstallationKey, type InstallationKey } from "../../../src/adapters/slack/seal-installation.js";
import type { DigestRequest } from "../../../src/core/digest/deliver-digest.js";
import { startFakeSlack, type FakeSlack } from "../../fakes/slack/fake-slack.js";
import type { ApproveOptions } from "../../fakes/slack/fake-workspaces.js";
import { signedPost } from "../../fakes/slack/slack-payloads.js";
import { createTestApp } from "../../helpers/test-app.js";
import { createRecordingLogger, SECRETS } from "./slack-harness.js";

/** The test app's OAuth settings (the fake Slack knows the same client id and secret). */
export const OAUTH = { clientId: "1111.2222", clientSecret: "fake-client-secret", stateSecret: "state-secret-0123456789abcdef" } as const;

const FIXTURES = join(import.meta.dirname, "../../fixtures");

/** A fresh random installation key. */
export function newKey(): InstallationKey {
  return parseInstallationKey(randomBytes(32).toString("base64"));
}

/** A real app over SQLite, the fake Slack, and an adapter factory in OAuth mode over `installations` (default: the app's own store). */
export interface OAuthHarness {
  /** The papers-bot app. */
  app: ReturnType<typeof createTestApp>;
  /** The fake Slack. */
  fake: FakeSlack;
  /** Log lines of every adapter started here. */
  logs: string[];
  /** Builds and starts an OAuth adapter (another "instance" when called again). */
  start(options?: { key?: InstallationKey; installations?: InstallationStore }): Promise<SlackAdapter>;
  /** The started adapter's origin, http://127.0.0.1:PORT. */
  origin(adapter: SlackAdapter): string;
  /** Delivers the day's digest to these conversations through `adapter`. */
  deliver(adapter: SlackAdapter, conversations: string[]): ReturnType<ReturnType<typeof createTestApp>["core"]["deliveries"]["run"]>;
  /** Sends a signed Events API body to the adapter. */
  event(adapter: SlackAdapter, body: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** Stops every adapter, the fake and the app. */
  close(): Promise<void>;
}

/** The digest day the fixtures fill. */
export const DAY = "2026-08-03";

/** Starts the OAuth harness with the fixtures ingested. */
export async function startOAuthHarness(): Promise<OAuthHarness> {
  const app = createTestApp({ now: "2026-08-04T09:00:00Z" });
  for (const f of ["hf-daily-papers-2026-07-31-date-allnewsai.json", "hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json"]) await ingestFile(app.core.ingests, join(FIXTURES, f));
  const fake = await startFakeSlack({ clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret });
  const logger = createRecordingLogger();
  const adapters: SlackAdapter[] = [];
  const defaultKey = newKey();
  const request = (conversation: string): DigestRequest => ({ conversation, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "slack" });
  return {
    app,
    fake,
    logs: logger.lines,
    async start(options = {}) {
      const adapter = createSlackAdapter({
        config: slackConfigSchema.parse({ mode: "http", port: 0, host: "127.0.0.1", apiUrl: fake.apiUrl }),
        credentials: { signingSecret: SECRETS.signingSecret, oauth: { ...OAUTH, installationKey: options.key ?? defaultKey } },
        logger,
        clientOptions: { retryConfig: { retries: 0 } },
        installations: options.installations ?? app.installations,
      });
      await adapter.start(app.core);
      adapters.push(adapter);
      return adapter;
    },
    origin: (adapter) => new URL(adapter.requestUrl()!).origin,
    deliver: (adapter, conversations) => app.core.deliveries.run(conversations.map(request), new Map([["slack", adapter]]), { concurrency: 2 }),
    event: (adapter, body) => signedPost(adapter.requestUrl()!, JSON.stringify(body), "json", { secret: SECRETS.signingSecret }),
    async close() {
      for (const adapter of adapters) await adapter.stop();
      await fake.close();
      app.cleanup();
    },
  };
}

/** What a browser sees going through the install: Slack's authorize URL, then the redirect page. */
export interface InstallRun {
  /** Where GET /slack/install redirected. */
  authorizeUrl: URL;
  /** The redirect page's status. */
  status: number;
  /** The redirect page's HTML. */
  page: string;
}

/**
 * Goes through the install as a browser would: GET /slack/install (state cookie + redirect to
 * Slack), the user approves in the fake (a code), then GET /slack/oauth_redirect with that code,
 * the state and the cookie. `tamper` replaces the state, the cookie or the code on the way back.
 */
export async function install(origin: string, fake: FakeSlack, teamId: string, approve: ApproveOptions = {}, tamper: { state?: string | null; cookie?: string | null; code?: string } = {}): Promise<InstallRun> {
  const start = await fetch(`${origin}/slack/install`, { redirect: "manual" });
  if (start.status !== 302) throw new Error(`GET /slack/install answered ${start.status}`);
  const authorizeUrl = new URL(start.headers.get("location") ?? "");
  const state = tamper.state === undefined ? authorizeUrl.searchParams.get("state") : tamper.state;
  const cookie = tamper.cookie === undefined ? (start.headers.get("set-cookie") ?? "").split(";")[0]! : tamper.cookie;
  const code = tamper.code ?? fake.workspaces.approve(teamId, approve);
  const query = new URLSearchParams({ code, ...(state === null ? {} : { state }) });
  const back = await fetch(`${origin}/slack/oauth_redirect?${query}`, { headers: cookie === null ? {} : { cookie } });
  return { authorizeUrl, status: back.status, page: await back.text() };
}

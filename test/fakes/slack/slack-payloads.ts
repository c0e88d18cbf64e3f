import { createHmac } from "node:crypto";

/** Where a payload comes from. */
export interface Origin {
  /** Workspace. */
  teamId: string;
  /** Channel. */
  channel: string;
  /** Acting user. */
  user: string;
}

/** A slash command body as Slack sends it (form fields), `/papers <text>`. */
export function slashCommand(origin: Origin, text: string, responseUrl: string): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: origin.teamId,
    team_domain: "fake",
    channel_id: origin.channel,
    channel_name: "papers",
    user_id: origin.user,
    user_name: origin.user.toLowerCase(),
    command: "/papers",
    text,
    api_app_id: "A0001",
    response_url: responseUrl,
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
}

/** A block_actions body for a button press on message `ts`. */
export function buttonPress(origin: Origin, actionId: string, value: string, ts: string, responseUrl: string): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: origin.teamId, domain: "fake" },
    user: { id: origin.user, username: origin.user.toLowerCase(), team_id: origin.teamId },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: ts, channel_id: origin.channel, is_ephemeral: false },
    trigger_id: "1.2.3",
    channel: { id: origin.channel, name: "papers" },
    message: { type: "message", user: "UBOT", ts, text: "paper" },
    response_url: responseUrl,
    actions: [{ type: "button", block_id: "b1", action_id: actionId, text: { type: "plain_text", text: "Summary" }, value, action_ts: "1780000000.1" }],
  };
}

/** An Events API event_callback for a reaction added or removed on message `ts`. */
export function reactionEvent(origin: Origin, added: boolean, reaction: string, ts: string, eventId: string): Record<string, unknown> {
  return {
    token: "legacy-verification-token",
    team_id: origin.teamId,
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_780_000_100,
    authorizations: [{ team_id: origin.teamId, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event: {
      type: added ? "reaction_added" : "reaction_removed",
      user: origin.user,
      reaction,
      item_user: "UBOT",
      item: { type: "message", channel: origin.channel, ts },
      event_ts: "1780000100.000200",
    },
  };
}

/** Slack's request signature: `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Options of a signed POST. */
export interface SignedPostOptions {
  /** Secret to sign with (a wrong one forges the signature). */
  secret: string;
  /** Unix seconds to sign and send. Default now. */
  timestamp?: number;
  /** Sign this body but send `body` (a tampered body). */
  signedBody?: string;
  /** Extra headers, e.g. x-slack-retry-num. */
  headers?: Record<string, string>;
}

/** POSTs a body to the app the way Slack does, signed; resolves with status and text. */
export async function signedPost(url: string, body: string, contentType: "form" | "json", options: SignedPostOptions): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType === "form" ? "application/x-www-form-urlencoded" : "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(options.secret, timestamp, options.signedBody ?? body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Form-encodes a slash command body. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** The `payload=<json>` form body of an interactivity request. */
export function interactivityBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API `app_uninstalled` envelope, as Slack sends it when a workspace removes the app. */
export function uninstallEvent(teamId: string, eventId: string): Record<string, unknown> {
  return { token: "legacy-verification-token", team_id: teamId, api_app_id: "A0001", type: "event_callback", event_id: eventId, event_time: 1_780_000_200, event: { type: "app_uninstalled", event_ts: "1780000200.000100" } };
}

/** An Events API `tokens_revoked` envelope for the given bot users' tokens. */
export function tokensRevokedEvent(teamId: string, botUserIds: string[], eventId: string): Record<string, unknown> {
  return { token: "legacy-verification-token", team_id: teamId, api_app_id: "A0001", type: "event_callback", event_id: eventId, event_time: 1_780_000_300, event: { type: "tokens_revoked", tokens: { oauth: [], bot: botUserIds }, event_ts: "1780000300.000100" } };
}

import type { IncomingMessage } from "node:http";

/** What the fake Slack records and holds, and how it reads a request: kept apart from its routing. */

/** One Web API call the fake received. */
export interface RecordedCall {
  /** Method name, e.g. `chat.postMessage`. */
  method: string;
  /** Form or JSON parameters; `blocks` is parsed from its JSON string. */
  params: Record<string, unknown>;
  /** The Authorization header as sent. */
  auth: string | null;
  /** Date.now() at arrival. */
  at: number;
}

/** A scripted answer for the next call to a method. */
export type ScriptedReply = { status: 429; retryAfter: number } | { error: string; needed?: string };

/** A message the fake holds (posted through chat.postMessage or seeded). */
export interface FakeMessage {
  /** Channel id. */
  channel: string;
  /** Message ts. */
  ts: string;
  /** Fallback text. */
  text: string;
  /** Block Kit blocks. */
  blocks: unknown[];
  /** Parent ts when posted in a thread. */
  threadTs: string | null;
  /** Reaction name → users. */
  reactions: Map<string, Set<string>>;
  /** Message metadata as posted (`event_type`, `event_payload`), or null. */
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
}

/** A channel of the fake workspace. */
export interface FakeChannel {
  /** Creator user id. */
  creator: string;
  /** Whether the bot is a member (posting elsewhere fails with not_in_channel). */
  member: boolean;
  /** Archived channels refuse posts with is_archived. */
  archived?: boolean;
  /** Direct message channel. */
  isIm?: boolean;
  /** The other user of a direct message. */
  user?: string;
  /** The workspace it belongs to; a token of another workspace gets channel_not_found. Default: any. */
  team?: string;
}

/** A user of the fake workspace. */
export interface FakeUser {
  /** Workspace admin. */
  admin?: boolean;
  /** Workspace owner. */
  owner?: boolean;
  /** A bot user. */
  bot?: boolean;
}

/** Options of the fake. */
export interface FakeSlackOptions {
  /** Workspace id. Default T0001. */
  teamId?: string;
  /** The bot's user id. Default UBOT. */
  botUserId?: string;
  /** Accepted bot token. Default xoxb-test-bot-token. */
  botToken?: string;
  /** Accepted app-level token. Default xapp-test-app-token. */
  appToken?: string;
  /** The app's OAuth client id. Default 1111.2222. */
  clientId?: string;
  /** The app's OAuth client secret. Default fake-client-secret. */
  clientSecret?: string;
}

/** The whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Form or JSON parameters; `blocks` and `attachments` are parsed from their JSON strings. */
export function parseParams(body: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes("application/json")) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = (key === "blocks" || key === "attachments") && value.startsWith("[") ? JSON.parse(value) : value;
  }
  return params;
}

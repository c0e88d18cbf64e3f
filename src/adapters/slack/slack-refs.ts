/** The parts of a Slack conversation or message reference. */
export interface SlackRef {
  /** Workspace (team) id, `T…`. */
  teamId: string;
  /** Channel id, `C…`, `G…` or `D…`. */
  channelId: string;
  /** Message timestamp (`1712345678.000100`), for message references only. */
  ts?: string;
}

const ID = /^[A-Z0-9]{2,32}$/;

/** `slack:<teamId>:<channelId>`: the conversation reference the core stores. */
export function conversationRef(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}

/** `slack:<teamId>:<channelId>:<ts>`: the message reference the ledger maps back to papers. */
export function messageRef(teamId: string, channelId: string, ts: string): string {
  return `slack:${teamId}:${channelId}:${ts}`;
}

/** Parses a Slack conversation or message reference; null when it is not one. */
export function parseSlackRef(ref: string): SlackRef | null {
  const [platform, teamId, channelId, ts, extra] = ref.split(":");
  if (platform !== "slack" || !teamId || !channelId || extra !== undefined) return null;
  if (!ID.test(teamId) || !ID.test(channelId)) return null;
  if (ts !== undefined && !/^\d{1,12}\.\d{1,9}$/.test(ts)) return null;
  return ts === undefined ? { teamId, channelId } : { teamId, channelId, ts };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { HTTPReceiver } from "@slack/bolt";

/** How far a request's signature timestamp may be from now, either way, in seconds (Slack's 5 minutes). */
export const MAX_CLOCK_SKEW_SEC = 300;

/** True when a request signed at `timestampHeader` (seconds) is more than MAX_CLOCK_SKEW_SEC in the future. */
export function signedInTheFuture(timestampHeader: string | string[] | undefined, nowMs = Date.now()): boolean {
  const value = Array.isArray(timestampHeader) ? timestampHeader[0] : timestampHeader;
  const ts = Number(value);
  return Number.isFinite(ts) && ts - nowMs / 1000 > MAX_CLOCK_SKEW_SEC;
}

/**
 * Bolt refuses signatures older than 5 minutes but accepts any timestamp in the future, so a
 * captured request signed ahead of time could be replayed for as long as its clock says. This
 * wraps the receiver's request listener to answer those with 401 before Bolt sees them.
 */
export function refuseFutureRequests(receiver: HTTPReceiver): void {
  const inner = receiver.requestListener;
  const guarded = (req: IncomingMessage, res: ServerResponse) => {
    if (signedInTheFuture(req.headers["x-slack-request-timestamp"])) {
      res.writeHead(401, { "content-type": "text/plain" }).end("request timestamp is too far in the future");
      return;
    }
    inner(req, res);
  };
  Object.defineProperty(receiver, "requestListener", { value: guarded, writable: true, configurable: true });
}

import type { ChatAdapter, LookUpRequest, LookUpResult } from "../chat/chat-adapter.js";
import type { Logger } from "../logger.js";

/** The fix named when a platform adapter has no read-back at all. */
export const NO_READ_BACK_FIX = "this platform cannot read its messages back; nothing to grant";

/**
 * Settles a send whose outcome is unknown (the process died between the request and the
 * recorded reference) by asking the platform: found (record it), absent (send it), or
 * unavailable (the bot may not read the channel back: keep at-most-once and name the fix).
 * A read-back that fails for another reason counts as unavailable for this run only, so a
 * later attempt can try again; it never guesses "absent".
 */
export async function resolveInDoubt(adapter: Pick<ChatAdapter, "lookUp">, request: LookUpRequest, logger: Logger): Promise<LookUpResult> {
  if (!adapter.lookUp) return { kind: "unavailable", fix: NO_READ_BACK_FIX };
  try {
    const result = await adapter.lookUp(request);
    logger.info({ dedupeKey: request.dedupeKey, result: result.kind }, "looked up a send whose outcome was unknown");
    return result;
  } catch (err) {
    logger.warn({ dedupeKey: request.dedupeKey, err: (err as Error).message }, "could not read the channel back; the message stays in doubt");
    return { kind: "unavailable", fix: `the read-back failed (${(err as Error).message ?? String(err)}); it is tried again on the next attempt` };
  }
}

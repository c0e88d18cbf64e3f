import type { OutboundMessage } from "../../core/chat/message.js";
import type { Logger } from "../../core/logger.js";

/** The private note left where a question was asked when its answer went to the paper's thread. */
export const ANSWERED_IN_THREAD: OutboundMessage = {
  blocks: [{ kind: "text", text: "Answered in the paper's thread." }],
  fallbackText: "Answered in the paper's thread.",
  ephemeral: true,
};

/**
 * Where a reply goes: a public reply that names a paper's thread (`threadOf`) is posted there
 * with `postInThread`, and the asker gets ANSWERED_IN_THREAD; any other reply, or one whose
 * thread post fails, is answered where it was asked. Returns what to answer the asker with.
 */
export async function routeToThread(
  reply: OutboundMessage,
  postInThread: (message: OutboundMessage, threadOf: string) => Promise<unknown>,
  logger: Logger,
): Promise<OutboundMessage> {
  if (!reply.threadOf || reply.ephemeral) return reply;
  try {
    await postInThread({ ...reply, threadOf: undefined }, reply.threadOf);
    return ANSWERED_IN_THREAD;
  } catch (err) {
    logger.info({ threadOf: reply.threadOf, reason: (err as Error).message }, "could not answer in the paper's thread; answering here");
    return reply;
  }
}

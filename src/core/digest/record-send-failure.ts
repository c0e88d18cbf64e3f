import { SendError } from "../chat/chat-adapter.js";
import type { CoreDeps } from "../core-deps.js";
import type { ChannelSettings } from "./channel-settings-store.js";

/** Consecutive permanent failures after which a channel is paused. */
export const PAUSE_AFTER_FAILURES = 3;

/** The SendError behind `err` (also across module copies), or null when it is something else. */
export function sendErrorOf(err: unknown): SendError | null {
  if (err instanceof SendError) return err;
  if (err instanceof Error && err.name === "SendError" && "permanent" in err && "reason" in err) return err as SendError;
  return null;
}

/** Counts a permanent failure on the channel; the PAUSE_AFTER_FAILURES-th in a row pauses it with a reason users see in /papers status. */
export function recordPermanentFailure(deps: CoreDeps, fallback: ChannelSettings, error: SendError): ChannelSettings {
  const current = deps.channelSettings.get(fallback.conversation) ?? fallback;
  const failureCount = current.failureCount + 1;
  const pause = failureCount >= PAUSE_AFTER_FAILURES && !current.paused;
  const next: ChannelSettings = {
    ...current,
    failureCount,
    lastError: `${error.reason}: ${error.message}`.replace(/\s+/g, " ").slice(0, 300),
    paused: current.paused || pause,
    pausedReason: pause ? `paused after ${PAUSE_AFTER_FAILURES} failed posts: ${error.reason}; fix the bot's access and run /papers resume` : current.pausedReason,
    updatedAt: deps.clock.now().toISOString(),
  };
  deps.channelSettings.put(next);
  if (pause) deps.logger.warn({ conversation: current.conversation, reason: error.reason }, "channel paused after repeated permanent failures");
  return next;
}

/** A confirmed send resets the channel's consecutive-failure count (lastError stays as history). */
export function recordSuccess(deps: CoreDeps, conversation: string): void {
  const current = deps.channelSettings.get(conversation);
  if (!current || current.failureCount === 0) return;
  deps.channelSettings.put({ ...current, failureCount: 0, updatedAt: deps.clock.now().toISOString() });
}

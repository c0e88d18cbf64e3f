import { SendError } from "../chat/chat-adapter.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { ChannelSettings, ChannelSettingsStore } from "./channel-settings-store.js";

/** What recording a send outcome on the channel needs. */
export interface SendRecordDeps {
  /** Where failure counts and pauses are kept. */
  channelSettings: ChannelSettingsStore;
  /** Source of "now". */
  clock: Clock;
  /** Logger. */
  logger: Logger;
}

/** Consecutive permanent failures after which a channel is paused. */
export const PAUSE_AFTER_FAILURES = 3;

/** The SendError behind `err` (also across module copies), or null when it is something else. */
export function sendErrorOf(err: unknown): SendError | null {
  if (err instanceof SendError) return err;
  if (err instanceof Error && err.name === "SendError" && "permanent" in err && "reason" in err) return err as SendError;
  return null;
}

/** Counts a permanent failure on the channel; the PAUSE_AFTER_FAILURES-th in a row pauses it with a reason users see in /papers status. */
export async function recordPermanentFailure(deps: SendRecordDeps, fallback: ChannelSettings, error: SendError): Promise<ChannelSettings> {
  const current = (await deps.channelSettings.get(fallback.conversation)) ?? fallback;
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
  await deps.channelSettings.put(next);
  if (pause) deps.logger.warn({ conversation: current.conversation, reason: error.reason }, "channel paused after repeated permanent failures");
  return next;
}

/** A confirmed send resets the channel's consecutive-failure count (lastError stays as history). */
export async function recordSuccess(deps: Omit<SendRecordDeps, "logger">, conversation: string): Promise<void> {
  const current = await deps.channelSettings.get(conversation);
  if (!current || current.failureCount === 0) return;
  await deps.channelSettings.put({ ...current, failureCount: 0, updatedAt: deps.clock.now().toISOString() });
}

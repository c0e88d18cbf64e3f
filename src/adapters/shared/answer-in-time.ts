/** How one event is answered within a platform's ack deadline. */
export interface AnswerInTimeOptions<T> {
  /** The core said the event is slow (network work): defer at once, before the work starts. */
  slow: boolean;
  /** Answer inline when the work finishes within this many ms; else defer and follow up. */
  deadlineMs: number;
  /** The core's work for the event. */
  work: () => Promise<T>;
  /** Tells the platform the answer comes later (Discord deferReply, Slack an early ack). */
  defer: () => Promise<void>;
}

/**
 * Runs the core's work for an event inside the platform's deadline (Discord and Slack both
 * drop answers after 3 s): a slow event defers first; a quick one is awaited up to the
 * deadline and deferred only when late. Resolves with the result and whether it was deferred,
 * so the adapter answers inline or follows up.
 */
export async function answerInTime<T>(options: AnswerInTimeOptions<T>): Promise<{ value: T; deferred: boolean }> {
  if (options.slow) {
    await options.defer();
    return { value: await options.work(), deferred: true };
  }
  const pending = options.work();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), options.deadlineMs)));
  const first = await Promise.race([pending.then((value) => ({ value })), late]);
  clearTimeout(timer);
  if (first !== "late") return { value: first.value, deferred: false };
  await options.defer();
  return { value: await pending, deferred: true };
}

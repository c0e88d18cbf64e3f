import type { ChatAdapter } from "../chat/chat-adapter.js";
import type { OutboundMessage } from "../chat/message.js";
import { utcDay } from "../clock.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { noopTelemetry, type Telemetry } from "../telemetry.js";
import { defaultChannelSettings, type ChannelSettings, type ChannelSettingsStore } from "./channel-settings-store.js";
import { composeDigest, composeNotice } from "./compose-digest.js";
import { createPacer, type Pacer } from "./pacer.js";
import { resolveInDoubt } from "./resolve-in-doubt.js";
import { createSystemTimer } from "./timer.js";
import { recordPermanentFailure, recordSuccess, sendErrorOf } from "./record-send-failure.js";
import { selectDigestPapers, type DigestSelection, type SelectDeps } from "./select-digest-papers.js";

/** One channel's digest to deliver now. */
export interface DigestRequest {
  /** Conversation reference. */
  conversation: string;
  /** Channel-local date of the post, YYYY-MM-DD: the ledger key, so one post per channel per day. */
  digestDay: string;
  /** When the post was due, ISO 8601; null for manual runs. Its UTC date is the HF list the post waits for. */
  scheduledFor: string | null;
  /** True when catching up after downtime: the header says "posted late". */
  late: boolean;
  /** Lease owner: one random id per process. */
  owner: string;
  /** ISO 8601. Before it, a post whose HF list is not out yet, or that would be empty, returns not-ready (retry later); after it (or when null), what there is goes out, or a notice. */
  cutoff: string | null;
  /** Compute and return the messages; write nothing. Default false. */
  dryRun?: boolean;
  /** Platform name: the key of the adapter that posts it (and the platform of a channel that has no settings row yet). */
  platform: string;
}

/** The ports a delivery uses: what selection reads, plus the settings it records failures on. */
export interface DeliverDeps extends SelectDeps {
  /** The channel's settings (pause, thread, failure count). */
  channelSettings: ChannelSettingsStore;
  /** Source of "now" (leases, timestamps, the cut-off). */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** Where posts, in-doubt sends and the delay behind schedule are counted; absent counts nothing. */
  telemetry?: Telemetry;
}

/** How a delivery ended. */
export type DigestOutcome =
  /** Header and papers went out (`papers` = paper messages of this digest confirmed sent, across attempts). */
  | { kind: "sent"; papers: number }
  /** Nothing qualified: a one-line notice went out instead. */
  | { kind: "notice"; text: string }
  /** The HF list is not out yet and the cut-off has not passed: nothing was written; try again later. */
  | { kind: "not-ready"; reason: string }
  /** Another process (or call) holds this digest's lease. */
  | { kind: "busy" }
  /** This digest already finished (sent, notice, failed or skipped). */
  | { kind: "already-done" }
  /** A send failed. Transient: the run stays open and a retry sends what remains. Permanent: the run is closed. */
  | { kind: "failed"; reason: string; permanent: boolean }
  /** Stop was requested: the message in flight finished, the rest waits for the next attempt. */
  | { kind: "stopped"; papers: number }
  /** The channel is paused; nothing was written. */
  | { kind: "skipped"; reason: string }
  /** Dry run: what would be posted, in order. */
  | { kind: "dry-run"; messages: OutboundMessage[] };

/** Knobs for deliverDigest. */
export interface DeliverOptions {
  /** When it becomes aborted, the digest stops after the message in flight (SIGTERM); an AbortSignal fits. */
  signal?: { readonly aborted: boolean };
  /** Lease length in ms, renewed while sending. Default DEFAULT_LEASE_MS; a crashed run can be taken over once it lapses. */
  leaseMs?: number;
}

/** The SendError reason of a 429: the platform created nothing. */
export const RATE_LIMITED = "rate_limited";

/** 429s in a row on one message before the run gives up for now (transient failure; a retry continues). */
const MAX_RATE_LIMIT_RETRIES = 8;

/** Default lease on a digest run: 2 minutes. */
export const DEFAULT_LEASE_MS = 120_000;

/** One message of the plan, in posting order. */
export interface PlanItem {
  /** Ledger key: `header`, `notice` or `paper:<id>`. */
  itemKey: string;
  /** Paper id for paper messages, else null. */
  paperId: string | null;
  /** The message to post. */
  message: OutboundMessage;
}

function planOf(selection: DigestSelection, digestDay: string, late: boolean): PlanItem[] {
  if (selection.kind === "empty") return [{ itemKey: "notice", paperId: null, message: composeNotice(selection.reason) }];
  const digest = composeDigest({ digestDay, listDays: selection.listDays, papers: selection.papers, topics: selection.topics, late });
  return [
    { itemKey: "header", paperId: null, message: digest.header },
    ...digest.items.map((i) => ({ itemKey: `paper:${i.paperId}`, paperId: i.paperId, message: i.message })),
  ];
}

/** What a digest would do now, decided before anything is written: an outcome already (paused, done, not ready, dry run), or ready to send. */
export type PreparedDigest =
  /** Nothing to send now: the outcome says why. */
  | { kind: "outcome"; outcome: DigestOutcome }
  /** Ready: the channel's settings, what was selected and the messages in posting order. */
  | { kind: "ready"; settings: ChannelSettings; selection: DigestSelection; plan: PlanItem[] };

/**
 * Decides, reading only, whether a digest goes out now: paused channels, finished runs and
 * lists that are not out yet (before the cut-off) end here with nothing written, so an
 * instance checks readiness before it claims a channel-day in a batch.
 */
export async function prepareDigest(deps: DeliverDeps, req: DigestRequest): Promise<PreparedDigest> {
  const { clock } = deps;
  const run = deps.ledger.run(req.conversation, req.digestDay);
  const nowIso = () => clock.now().toISOString();
  const settings: ChannelSettings = (await deps.channelSettings.get(req.conversation)) ?? defaultChannelSettings(req.conversation, req.platform, "", nowIso());
  if (settings.paused) return { kind: "outcome", outcome: { kind: "skipped", reason: `paused: ${settings.pausedReason ?? "paused by a user; /papers resume restarts it"}` } };
  const existing = await run.get();
  if (existing && existing.status !== "running") return { kind: "outcome", outcome: { kind: "already-done" } };

  const scheduledDay = req.scheduledFor ? utcDay(new Date(req.scheduledFor)) : req.digestDay;
  const listDay = scheduledDay < req.digestDay ? scheduledDay : req.digestDay;
  const selection = await selectDigestPapers(deps, { conversation: req.conversation, settings, digestDay: req.digestDay, listDay });
  const pastCutoff = req.cutoff === null || clock.now().getTime() >= new Date(req.cutoff).getTime();
  if (!pastCutoff && (!selection.ready || selection.kind === "empty")) {
    const why = selection.ready && selection.kind === "empty" ? selection.reason : `the Hugging Face list of ${listDay} is not out yet`;
    return { kind: "outcome", outcome: { kind: "not-ready", reason: `${why}; retrying until ${req.cutoff}` } };
  }
  const plan = planOf(selection, req.digestDay, req.late);
  if (req.dryRun) return { kind: "outcome", outcome: { kind: "dry-run", messages: plan.map((p) => p.message) } };
  return { kind: "ready", settings, selection, plan };
}

/**
 * Delivers one channel's digest exactly once. Readiness is decided before the run is
 * claimed (not-ready writes nothing). Then the run's lease is taken (and renewed while
 * sending); each message is claimed in the ledger before it is sent and marked sent after,
 * so a crash leaves at most one message "in doubt". That one is looked up on the platform
 * (by the dedupe key each send carries) before anything is re-sent; only where the bot may
 * not read the channel back does it stay unsent, and the run's detail names the fix. A 429
 * releases the claim (nothing was created), feeds Retry-After to the pacer and sends again.
 * Papers go in a thread under the header when the channel asks for it.
 */
export async function deliverDigest(
  deps: DeliverDeps,
  adapter: Pick<ChatAdapter, "send" | "limits" | "lookUp">,
  req: DigestRequest,
  pacer?: Pacer,
  options: DeliverOptions = {},
): Promise<DigestOutcome> {
  const { clock } = deps;
  const run = deps.ledger.run(req.conversation, req.digestDay);
  const log = deps.logger.child({ component: "delivery", conversation: req.conversation, digestDay: req.digestDay });
  const nowIso = () => clock.now().toISOString();
  const telemetry = deps.telemetry ?? noopTelemetry;
  const prepared = await prepareDigest(deps, req);
  if (prepared.kind === "outcome") return prepared.outcome;
  const { settings, selection, plan } = prepared;

  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseUntil = () => new Date(clock.now().getTime() + leaseMs).toISOString();
  const claimed = await run.claim({ owner: req.owner, leaseUntil: leaseUntil(), scheduledFor: req.scheduledFor, late: req.late, now: nowIso() });
  if (!claimed) {
    const current = await run.get();
    return current && current.status !== "running" ? { kind: "already-done" } : { kind: "busy" };
  }
  let renewedAt = clock.now().getTime();
  /** Lets another process take over at once (lease in the past), keeping the run open. */
  const release = () => run.renew(req.owner, new Date(clock.now().getTime() - 1).toISOString());
  const sentPapers = async () => (await run.items()).filter((i) => i.paperId !== null && i.status === "sent").length;

  const since = (await run.get())?.startedAt ?? nowIso();
  const pace = pacer ?? createPacer({ limits: null, timer: createSystemTimer() });
  let headerRef: string | null = null;
  let sentNow = 0;
  const unresolved: string[] = [];
  const stop = async (): Promise<DigestOutcome> => {
    await release();
    log.info({ sentNow }, "delivery stopped on request; the rest goes out on the next attempt");
    return { kind: "stopped", papers: await sentPapers() };
  };
  const found = async (item: PlanItem, ref: string) => {
    await run.markSent(item.itemKey, ref, nowIso());
    if (item.itemKey === "header") headerRef = ref;
  };
  for (const item of plan) {
    const dedupeKey = `${req.digestDay}/${item.itemKey}`;
    for (let rateLimited = 0; ; rateLimited += 1) {
      if (options.signal?.aborted) return stop();
      await pace.acquire(req.conversation);
      if (options.signal?.aborted) return stop();
      if (clock.now().getTime() - renewedAt > leaseMs / 3) {
        if (!(await run.renew(req.owner, leaseUntil()))) return { kind: "busy" };
        renewedAt = clock.now().getTime();
      }
      const claim = await run.claimItem({ itemKey: item.itemKey, paperId: item.paperId, now: nowIso() });
      if (claim === "sent") {
        if (item.itemKey === "header") headerRef = (await run.items()).find((i) => i.itemKey === "header")?.messageRef ?? null;
        break;
      }
      const threadOf = settings.useThread && item.paperId !== null && headerRef ? headerRef : undefined;
      if (claim === "in-doubt") {
        const lookedUp = await resolveInDoubt(adapter, { conversation: req.conversation, dedupeKey, message: item.message, since, ...(threadOf ? { threadOf } : {}) }, log);
        if (lookedUp.kind === "found") {
          await found(item, lookedUp.ref);
          break;
        }
        if (lookedUp.kind === "unavailable") {
          telemetry.inDoubtSend(req.platform, "skipped");
          unresolved.push(lookedUp.fix);
          log.warn({ itemKey: item.itemKey, fix: lookedUp.fix }, "a message whose earlier send has an unknown outcome cannot be looked up, so it is not re-sent (at most once)");
          break;
        }
      }
      let ref: string;
      try {
        ref = await adapter.send(req.conversation, item.message, { ...(threadOf ? { threadOf } : {}), dedupeKey, onRequest: () => pace.sent(req.conversation) });
      } catch (err) {
        const sendError = sendErrorOf(err);
        if (!sendError) {
          telemetry.inDoubtSend(req.platform, "unknown-outcome");
          await release();
          log.error({ err, itemKey: item.itemKey }, "send threw an unknown error; the message stays in doubt and is looked up before any resend");
          return { kind: "failed", reason: `unknown send outcome: ${(err as Error).message ?? String(err)}`, permanent: false };
        }
        telemetry.postAttempted(req.platform, "failed");
        await run.markFailed(item.itemKey, `${sendError.reason}: ${sendError.message}`);
        if (sendError.reason === RATE_LIMITED && rateLimited < MAX_RATE_LIMIT_RETRIES) {
          // A 429 created nothing: the item is released (a crash now re-sends it) and the pacer waits.
          pace.holdBack(req.conversation, sendError.retryAfterMs ?? 1000, sendError.global ?? false);
          log.warn({ itemKey: item.itemKey, retryAfterMs: sendError.retryAfterMs, global: sendError.global }, "rate limited (429): waiting, then sending again");
          continue;
        }
        if (!sendError.permanent) {
          await release();
          log.warn({ reason: sendError.reason }, "transient send failure; a retry sends what remains");
          return { kind: "failed", reason: sendError.reason, permanent: false };
        }
        await recordPermanentFailure(deps, settings, sendError);
        await run.finish(req.owner, { status: "failed", papersSent: await sentPapers(), detail: `${sendError.reason}: ${sendError.message}`.slice(0, 300), now: nowIso() });
        log.warn({ reason: sendError.reason }, "permanent send failure");
        return { kind: "failed", reason: sendError.reason, permanent: true };
      }
      await found(item, ref);
      telemetry.postAttempted(req.platform, "sent");
      if (sentNow === 0 && req.scheduledFor) telemetry.deliveryLag(req.platform, Math.max(0, (clock.now().getTime() - new Date(req.scheduledFor).getTime()) / 1000));
      if (sentNow === 0) await recordSuccess(deps, req.conversation);
      sentNow += 1;
      break;
    }
  }
  if (selection.kind === "empty") {
    await run.finish(req.owner, { status: "notice", papersSent: 0, detail: selection.reason.slice(0, 300), now: nowIso() });
    return { kind: "notice", text: selection.reason };
  }
  const papers = await sentPapers();
  const skipped = selection.papers.length - papers;
  const fix = unresolved[0] ? ` (cannot look them up: ${unresolved[0]})` : "";
  await run.finish(req.owner, { status: "sent", papersSent: papers, detail: skipped > 0 ? `${skipped} in doubt after a crash, not re-sent${fix}`.slice(0, 300) : null, now: nowIso() });
  return { kind: "sent", papers };
}

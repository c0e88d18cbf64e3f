import { plural } from "../chat/plural.js";
import { addDays } from "../clock.js";
import type { IngestRunStore } from "../papers/ingest-run-store.js";
import type { PaperStore } from "../papers/paper-store.js";
import type { SubscriptionStore } from "../topics/subscription-store.js";
import type { VoteStore } from "../votes/vote-store.js";
import type { Paper } from "../papers/paper.js";
import type { CompiledQuery } from "../topics/prepare-query.js";
import { matchTopics, prepareTopics } from "../topics/topic-matcher.js";
import type { TopicPorts } from "../topics/topic-ports.js";
import type { ChannelSettings } from "./channel-settings-store.js";
import type { DeliveryLedger } from "./delivery-ledger.js";
import { rankPapers, type RankInput, type RankedCandidate } from "../papers/rank-papers.js";

/** Most days back a digest reaches for lists it has not covered yet. */
export const MAX_WINDOW_DAYS = 7;
/** Near-miss papers named in a "no paper matched your topics" notice. */
export const CLOSEST_COUNT = 3;

/** The ports a selection reads. */
export interface SelectDeps {
  /** The day's lists and the topic pre-filter. */
  papers: PaperStore;
  /** The channel's topics. */
  subscriptions: SubscriptionStore;
  /** Workspace votes for ranking. */
  votes: VoteStore;
  /** Why a list is missing (the last HF ingest). */
  ingestRuns: IngestRunStore;
  /** What was already sent, and the channel's previous digest. */
  ledger: DeliveryLedger;
  /** Learned terms, the channel's feedback and embeddings, for topic channels. */
  topics: TopicPorts;
}

/** What to select for. */
export interface SelectRequest {
  /** Conversation reference. */
  conversation: string;
  /** The channel's settings. */
  settings: ChannelSettings;
  /** Channel-local date of the post, YYYY-MM-DD (the ledger key). */
  digestDay: string;
  /** UTC day whose HF list this post waits for (the UTC date of the scheduled instant, never after digestDay). */
  listDay: string;
}

/** Facts shared by both outcomes of a selection. */
interface SelectionBase {
  /** HF/arXiv listing days the digest covers, ascending. */
  listDays: string[];
  /** The channel's topics (topic mode), else []. */
  topics: string[];
  /** True when the HF list for listDay is out (or none is expected: weekends); false means "wait and retry until the cut-off". */
  ready: boolean;
}

/** The papers a digest posts, or why there are none. */
export type DigestSelection =
  | (SelectionBase & { kind: "papers"; papers: RankedCandidate[]; qualifying: number })
  | (SelectionBase & { kind: "empty"; reason: string; closest: { id: string; title: string }[] });

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const weekdayName = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });

/**
 * Which listing days the digest covers: every day after the channel's previous finished
 * digest up to listDay (at most MAX_WINDOW_DAYS), so a weekly channel or one that skipped a
 * day after downtime still sees those lists; a channel's first digest covers the latest HF
 * day on or before listDay.
 */
async function windowDays(deps: SelectDeps, req: SelectRequest): Promise<string[]> {
  const oldest = addDays(req.listDay, -(MAX_WINDOW_DAYS - 1));
  const previous = (await deps.ledger.recentRuns(req.conversation, 20)).find((r) => r.digestDay < req.digestDay && (r.status === "sent" || r.status === "notice"));
  let start: string;
  if (previous) start = addDays(previous.digestDay, 1);
  else start = (await deps.papers.latestDailyDay(req.listDay)) ?? req.listDay;
  if (start < oldest) start = oldest;
  const days: string[] = [];
  for (let d = start; d <= req.listDay; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Why there is nothing at all to look at for these days. */
async function noListReason(deps: SelectDeps, listDay: string): Promise<string> {
  if (isWeekend(listDay)) return `no new papers: arXiv does not announce on weekends, so Hugging Face has no list for ${weekdayName(listDay)} ${listDay}`;
  const lastHf = (await deps.ingestRuns.recent(1, "hf"))[0];
  if (lastHf?.status === "failed") return `no new papers: Hugging Face Daily Papers could not be fetched (${lastHf.error ?? "unknown error"}); the next post will include them`;
  return `no new papers: Hugging Face has no list for ${listDay} (an arXiv holiday, or the list is late)`;
}

/**
 * Selects a channel's digest: the HF Daily Papers lists of its window days (topic channels
 * also get that window's arXiv listing items, because arXiv lists far more papers on a
 * niche topic than HF does; all-papers channels do not, since the full arXiv firehose is
 * thousands a day), minus every paper ever sent to the channel (papers of this same digest
 * day stay in, so a resumed run re-selects the same list and the ledger skips what went
 * out), at least `minUpvotes` HF upvotes (arXiv-only papers count 0), on topic channels
 * only papers matching a subscription, ranked by rankPapers and capped at maxPapers.
 */
export async function selectDigestPapers(deps: SelectDeps, req: SelectRequest): Promise<DigestSelection> {
  const { settings } = req;
  const listDays = await windowDays(deps, req);
  const topicMode = settings.mode === "topics";
  const topics = topicMode ? (await deps.subscriptions.list(req.conversation)).map((s) => s.topic) : [];
  const ready = (await deps.papers.listDaily(req.listDay)).length > 0 || isWeekend(req.listDay);
  const base = { topics, ready };
  const pool = new Map<string, Paper>();
  const hfDays: string[] = [];
  for (const day of listDays) {
    const daily = await deps.papers.listDaily(day);
    if (daily.length > 0) hfDays.push(day);
    for (const p of daily) pool.set(p.id, p);
    if (topicMode) for (const p of await deps.papers.listAnnounced(day)) if (!pool.has(p.id)) pool.set(p.id, p);
  }
  const empty = (reason: string, closest: { id: string; title: string }[] = []): DigestSelection => ({ kind: "empty", ...base, listDays: hfDays, reason, closest });
  if (topicMode && topics.length === 0) return empty("no papers: this channel posts only papers on its topics and follows none; add one with /papers subscribe <topic>");
  if (pool.size === 0) return empty(await noListReason(deps, req.listDay));

  const own = new Set((await deps.ledger.run(req.conversation, req.digestDay).items()).flatMap((i) => (i.paperId ? [i.paperId] : [])));
  const sent = await deps.ledger.sentPaperIds(req.conversation);
  const unsent = [...pool.values()].filter((p) => own.has(p.id) || !sent.has(p.id));
  if (unsent.length === 0) return empty(`no new papers: ${pool.size === 1 ? "the only paper" : `all ${pool.size} papers`} of ${hfDays.join(", ") || req.listDay} ${pool.size === 1 ? "was" : "were"} already posted here`);
  const popular = unsent.filter((p) => (p.hfUpvotes ?? 0) >= settings.minUpvotes);
  if (popular.length === 0) {
    const best = Math.max(...unsent.map((p) => p.hfUpvotes ?? 0));
    return empty(`no new papers reached ${plural(settings.minUpvotes, "upvote")} (the best of ${unsent.length} has ${best})`);
  }

  const counts = await deps.votes.counts({ workspace: settings.workspace }, popular.map((p) => p.id));
  const inputs: RankInput[] = [];
  const prepared = topicMode ? await prepareTopics(deps.topics, req.conversation, topics) : [];
  const verdicts = topicMode ? await matchTopics(deps.topics, prepared, popular) : new Map();
  for (const paper of popular) {
    const localVotes = counts.get(paper.id) ?? 0;
    if (!topicMode) {
      inputs.push({ paper, localVotes, matchScore: null, matched: null });
      continue;
    }
    const verdict = verdicts.get(paper.id);
    if (verdict) inputs.push({ paper, localVotes, matchScore: verdict.score, matched: verdict.why });
  }
  if (inputs.length === 0) {
    const closest = await closestPapers(deps, prepared.map((c) => c.compiled), popular, listDays[0] ?? req.listDay);
    const named = closest.length > 0 ? `closest: ${closest.map((c) => `${c.title} (${c.id})`).join("; ")}` : `none of the ${popular.length} new papers mentions them`;
    return empty(`no paper matched your topics today (${topics.join(", ")}); ${named}`, closest);
  }
  const ranked = rankPapers(inputs);
  return { kind: "papers", ...base, listDays: hfDays, papers: ranked.slice(0, Math.max(1, settings.maxPapers)), qualifying: ranked.length };
}

/** Near misses: candidates that mention some topic term without matching, most upvoted first. */
async function closestPapers(deps: SelectDeps, queries: CompiledQuery[], pool: Paper[], since: string): Promise<{ id: string; title: string }[]> {
  const inPool = new Map(pool.map((p) => [p.id, p]));
  const hits = new Set<string>();
  for (const q of queries) {
    try {
      for (const id of await deps.papers.candidateIds(q.query, since)) if (inPool.has(id)) hits.add(id);
    } catch {
      continue;
    }
  }
  return [...hits]
    .map((id) => inPool.get(id)!)
    .sort((a, b) => (b.hfUpvotes ?? 0) - (a.hfUpvotes ?? 0) || (a.id < b.id ? -1 : 1))
    .slice(0, CLOSEST_COUNT)
    .map((p) => ({ id: p.id, title: p.title }));
}

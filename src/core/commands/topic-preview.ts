import { plural } from "../chat/plural.js";
import { addDays, utcDay } from "../clock.js";
import type { Clock } from "../clock.js";
import type { PaperStore } from "../papers/paper-store.js";
import { COMMON_WORDS } from "../topics/check-query-words.js";
import { matchTopics, prepareTopics } from "../topics/topic-matcher.js";
import type { TopicPorts } from "../topics/topic-ports.js";
import { termKey } from "../topics/parse-topic-query.js";
import type { QueryTerm, TopicQuery } from "../topics/topic-query.js";

/** How far back the subscribe preview looks, in days. */
export const PREVIEW_DAYS = 7;
/** Most stored papers the preview reads; the newest listings first. */
export const PREVIEW_LIMIT = 5000;
/** Papers named as examples or as the closest ones. */
const EXAMPLES = 2;
/** Search hits read when looking for the closest papers, so in-window ones can be preferred. */
const CLOSEST_POOL = 50;

/** The ports the preview reads. */
export interface TopicPreviewDeps {
  /** Stored papers: the window's listings, and full-text search for the closest ones. */
  papers: PaperStore;
  /** Source of "now"; the window ends at the newest stored listing on or before today. */
  clock: Clock;
  /** The matcher's signals: the preview matches as the daily run will. */
  topics: TopicPorts;
}

/**
 * One or two sentences on what a topic would have matched (with the daily run's matcher, for `conversation`) among the papers stored from the
 * last PREVIEW_DAYS days: how many matched, with examples; or, when none did, how many were
 * looked at and the closest papers (by full-text search on any of the topic's words), and a
 * spelling hint only for words no stored paper contains.
 */
export async function previewTopic(query: TopicQuery, deps: TopicPreviewDeps, conversation: string | null): Promise<string> {
  const { papers, clock } = deps;
  // The window ends at the newest stored listing, so a store that is behind (offline, or
  // a quiet weekend) still previews a full week of papers.
  const today = utcDay(clock.now());
  const until = (await papers.latestDailyDay(today)) ?? today;
  const since = addDays(until, -(PREVIEW_DAYS - 1));
  const window = await papers.listSince(since, PREVIEW_LIMIT);
  if (window.length === 0) {
    const span = until === today ? `the last ${PREVIEW_DAYS} days` : `the ${PREVIEW_DAYS} days up to ${until}`;
    return `No papers are stored from ${span} yet, so there is nothing to preview; new papers are checked against it as they arrive.`;
  }
  // arXiv listings can be newer than the newest HF day; then the window runs past `until`.
  const newest = [...(window[0]?.dailyDates ?? []), ...(window[0]?.announcedDates ?? [])].reduce((a, b) => (b > a ? b : a), until);
  const days = until === today ? `the last ${PREVIEW_DAYS} days` : `the ${PREVIEW_DAYS} days up to ${until}`;
  const span = newest > until ? { in: `From ${since} to ${newest}`, stored: `listed from ${since} to ${newest}` } : { in: `In ${days}`, stored: `stored from ${days}` };
  const verdicts = await matchTopics(deps.topics, await prepareTopics(deps.topics, conversation, [query.raw]), window);
  const matches = window
    .filter((p) => verdicts.has(p.id))
    .map((paper) => ({ paper, score: verdicts.get(paper.id)!.score }))
    .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1));
  if (matches.length > 0) {
    const examples = matches.slice(0, EXAMPLES).map((m) => `"${m.paper.title}" (${m.paper.id})`);
    return `${span.in} it would have matched ${plural(matches.length, "paper")}${matches.length === 1 ? ":" : ", e.g."} ${examples.join(" and ")}.`;
  }
  const covered =
    window.length === 1
      ? `The only paper ${span.stored} did not match it`
      : `None of the ${window.length === PREVIEW_LIMIT ? `${PREVIEW_LIMIT} newest` : window.length} papers ${span.stored} matched it`;
  const unknown: string[] = [];
  for (const word of contentWords(query)) if ((await papers.search(wordQuery(word), { limit: 1 })).length === 0) unknown.push(word);
  const spelling =
    unknown.length === 0
      ? ""
      : `, and no stored paper contains ${unknown.map((w) => `"${w}"`).join(" or ")}: check ${unknown.length === 1 ? "its" : "their"} spelling`;
  const closest = await closestPapers(query, papers, new Set(window.map((p) => p.id)));
  if (closest.titles.length === 0) return `${covered}${spelling}. New papers are checked against it as they arrive.`;
  const are = closest.titles.length === 1 ? "is" : "are";
  const which = closest.inWindow ? `the closest ${are}` : `the closest stored ${closest.titles.length === 1 ? "paper" : "papers"}, from before then, ${are}`;
  return `${covered}${spelling}; ${which} ${closest.titles.join(" and ")}.`;
}

/** The topic's distinct positive words that are not common words, in order. */
function contentWords(query: TopicQuery): string[] {
  const words = query.anyOf.flat().flatMap((t) => (t.kind === "word" ? [t.text] : t.words));
  return [...new Set(words.filter((w) => !COMMON_WORDS.has(w)))];
}

/** A search for one word (with its word family). */
function wordQuery(word: string): TopicQuery {
  return { raw: word, anyOf: [[{ kind: "word", text: word }]], exclude: [] };
}

/**
 * The best full-text hits for any one of the topic's content terms (its exclusions still
 * apply), preferring papers of the preview window; titles with ids.
 */
async function closestPapers(query: TopicQuery, papers: PaperStore, windowIds: Set<string>): Promise<{ titles: string[]; inWindow: boolean }> {
  const seen = new Set<string>();
  const anyOf: QueryTerm[][] = [];
  for (const term of query.anyOf.flat()) {
    const words = term.kind === "word" ? [term.text] : term.words;
    if (!words.some((w) => !COMMON_WORDS.has(w)) || seen.has(termKey(term))) continue;
    seen.add(termKey(term));
    anyOf.push([term]);
  }
  if (anyOf.length === 0) return { titles: [], inWindow: false };
  const hits = await papers.search({ raw: query.raw, anyOf, exclude: query.exclude }, { limit: CLOSEST_POOL });
  const inWindow = hits.filter((h) => windowIds.has(h.paper.id));
  const chosen = (inWindow.length > 0 ? inWindow : hits).slice(0, EXAMPLES);
  return { titles: chosen.map((h) => `"${h.paper.title}" (${h.paper.id})`), inWindow: inWindow.length > 0 };
}

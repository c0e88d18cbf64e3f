/**
 * The per-channel matching cost of a daily run: C channels × 25 topics against a day's
 * generated papers, through the shared matcher (prepareTopics + matchTopics, no signals:
 * an empty store) and through the plain rule it replaced in the digest (prepareQuery +
 * matchPrepared + explainMatch per paper), interleaved, same match count checked.
 * Run: npx tsx bench/topic-channel-speed.ts [--channels 40] [--papers 500] [--repeats 3]
 */
import { explainMatch, matchPrepared } from "../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../src/core/topics/prepare-query.js";
import { emptyCounts } from "../src/core/topics/learn-associations.js";
import { matchTopics, prepareTopics } from "../src/core/topics/topic-matcher.js";
import type { TopicPorts } from "../src/core/topics/topic-ports.js";
import { generatePapers, generateTopics } from "./corpus.js";
import { buildWordModel } from "./word-model.js";

const arg = (flag: string, fallback: number): number => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const nChannels = arg("--channels", 40);
const nPapers = arg("--papers", 500);
const repeats = arg("--repeats", 3);

const model = buildWordModel();
const papers = generatePapers(model, 49, 0, nPapers, nPapers).map((p, i) => ({ id: `2607.${String(i + 1).padStart(5, "0")}`, title: p.title, abstract: p.abstract ?? "", aiKeywords: p.aiKeywords ?? [] }));
const topics = [...new Set(generateTopics(model, 44, nChannels * 50))].slice(0, nChannels * 25);
const channels = Array.from({ length: nChannels }, (_, c) => topics.slice(c * 25, c * 25 + 25));
const ports: TopicPorts = {
  associations: { loadCounts: async () => emptyCounts(), addCounts: async () => undefined, countedTopics: async () => new Set(), droppedTerms: async () => new Set(), dropTerm: async () => true },
  feedback: { add: async () => "added", list: async () => [], removeUp: async () => 0 },
  semantic: null,
  learnAfterPapers: 5000,
};

async function plainRule(): Promise<number> {
  let n = 0;
  for (const ch of channels) {
    const compiled = ch.flatMap((t) => {
      try {
        return [prepareQuery(parseTopicQuery(t))];
      } catch {
        return [];
      }
    });
    for (const p of papers) {
      const prepared = preparePaper(p);
      const why: string[] = [];
      for (const c of compiled) {
        const m = matchPrepared(c, prepared);
        if (m) {
          n += 1;
          why.push(explainMatch(m));
        }
      }
    }
  }
  return n;
}

async function sharedMatcher(): Promise<number> {
  let n = 0;
  for (const ch of channels) for (const v of (await matchTopics(ports, await prepareTopics(ports, "bench", ch), papers)).values()) n += v.topics.length;
  return n;
}

const totals = { plain: 0, shared: 0 };
for (let r = 0; r < repeats; r += 1) {
  for (const [name, run] of [["plain", plainRule], ["shared", sharedMatcher]] as const) {
    const t = performance.now();
    const n = await run();
    const ms = performance.now() - t;
    totals[name] += ms;
    process.stdout.write(`${name}: ${ms.toFixed(0)} ms, ${n.toLocaleString("en-US")} matches\n`);
  }
}
process.stdout.write(`${nChannels} channels × 25 topics × ${nPapers} papers, ${repeats} interleaved runs: plain rule ${totals.plain.toFixed(0)} ms, shared matcher ${totals.shared.toFixed(0)} ms (${(totals.shared / totals.plain).toFixed(2)}×)\n`);

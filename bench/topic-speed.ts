/**
 * The matching cost of a daily post on its own: a day's generated papers against N generated
 * subscriptions (bench/corpus.ts, as in bench/topic-bench.ts, without SQLite), timing
 * preparePaper + indexPapers + one prepareQuery per distinct topic + matchIndexed, median of
 * the repeats. For before/after comparisons of matcher changes in one session.
 * Run: npx tsx bench/topic-speed.ts [--papers 500] [--subs 100000] [--repeats 5] [--seed 42]
 */
import { indexPapers, matchIndexed } from "../src/core/topics/index-papers.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../src/core/topics/prepare-paper.js";
import { prepareQuery, type CompiledQuery } from "../src/core/topics/prepare-query.js";
import { generatePapers, generateTopics } from "./corpus.js";
import { median } from "./stats.js";
import { buildWordModel } from "./word-model.js";

const arg = (flag: string, fallback: number): number => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const nPapers = arg("--papers", 500);
const nSubs = arg("--subs", 100_000);
const repeats = arg("--repeats", 5);
const seed = arg("--seed", 42);

const model = buildWordModel();
const papers = generatePapers(model, seed + 7, 0, nPapers, nPapers).map((p, i) => ({ id: `2607.${String(i + 1).padStart(5, "0")}`, title: p.title, abstract: p.abstract ?? "", aiKeywords: p.aiKeywords ?? [] }));
const topics = generateTopics(model, seed + 2, nSubs);

const run = (): { ms: number; pairs: number } => {
  const t = performance.now();
  const index = indexPapers(papers.map(preparePaper));
  const compiled = new Map<string, CompiledQuery | null>();
  let pairs = 0;
  for (const topic of topics) {
    let c = compiled.get(topic);
    if (c === undefined) {
      try {
        c = prepareQuery(parseTopicQuery(topic), index.terms);
      } catch {
        c = null;
      }
      compiled.set(topic, c);
    }
    if (c) pairs += matchIndexed(c, index).length;
  }
  return { ms: performance.now() - t, pairs };
};

run();
const runs = Array.from({ length: repeats }, run);
const ms = median(runs.map((r) => r.ms));
process.stdout.write(
  `${nPapers} papers × ${nSubs.toLocaleString("en-US")} subscriptions (${new Set(topics).size.toLocaleString("en-US")} distinct topics): median ${ms.toFixed(0)} ms over ${repeats} runs [${runs.map((r) => r.ms.toFixed(0)).join(", ")}], ${runs[0]?.pairs.toLocaleString("en-US")} matches\n`,
);

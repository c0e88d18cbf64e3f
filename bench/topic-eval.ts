/**
 * Precision/recall of topic matching on the labelled set (test/fixtures/topic-labels), per
 * topic, on the development and the held-out part, next to a naive stem-and-substring
 * baseline, then an ablation table: today's matcher (no vocabulary), each mechanism added
 * and removed. Run: npx tsx bench/topic-eval.ts
 * Pass --errors to list false positives and false negatives per topic (development part only,
 * unless --heldout-errors is also given).
 *
 * Learned associations are counted over every paper's title and keywords (the store holds
 * the papers, not their labels). Channel feedback is simulated from the development labels
 * (a "more" vote on each relevant dev paper, a "not this" on each dev paper the topic wrongly
 * matched) and measured on the held-out part only. Embeddings need an endpoint and are not
 * measured here.
 */
import type { FeedbackProfile, FeedbackVote } from "../src/core/topics/channel-feedback.js";
import { feedbackProfile } from "../src/core/topics/channel-feedback.js";
import { matchWithSignals } from "../src/core/topics/hybrid-score.js";
import { countBatch, learnedTerms } from "../src/core/topics/learn-associations.js";
import { matchPrepared } from "../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import type { PreparedPaper } from "../src/core/topics/prepare-paper.js";
import { preparePaper } from "../src/core/topics/prepare-paper.js";
import type { CompileOptions, CompiledQuery, LearnedTerm } from "../src/core/topics/prepare-query.js";
import { prepareQuery } from "../src/core/topics/prepare-query.js";
import type { LabelledPaper, LabelPart, LabelSet, TopicScore } from "../test/core/topics/evaluate-topics.js";
import { evaluate, loadLabels, macro, micro, naiveMatches, partOf, prf } from "../test/core/topics/evaluate-topics.js";

const labels = loadLabels();
const fmt = (x: number): string => x.toFixed(2);
const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;
const cells = (s: TopicScore): string[] => {
  const m = prf(s.tp, s.fp.length, s.fn.length);
  return [fmt(m.p), fmt(m.r), fmt(m.f1)];
};
const prepared = new Map<string, PreparedPaper>(labels.papers.map((p) => [p.id, preparePaper(p)]));
const prep = (p: LabelledPaper): PreparedPaper => prepared.get(p.id) as PreparedPaper;

/** One matcher configuration of the ablation. */
interface Config {
  name: string;
  vocabulary: boolean;
  learned: boolean;
  feedback: boolean;
}

const compiledFor = (() => {
  const cache = new Map<string, CompiledQuery>();
  return (topic: string, options: CompileOptions, tag: string): CompiledQuery => {
    const key = `${tag}\u0000${topic}`;
    let c = cache.get(key);
    if (!c) cache.set(key, (c = prepareQuery(parseTopicQuery(topic), undefined, options)));
    return c;
  };
})();

/** Terms each topic learns from all papers' titles and keywords (no labels), with or without the vocabulary deciding which papers are the topic's. */
function learnedFor(vocabulary: boolean): Map<string, LearnedTerm[]> {
  const topics = labels.topics.map((t) => t.query);
  const counts = countBatch(labels.papers, topics, (topic, paper) => matchPrepared(compiledFor(topic, { vocabulary }, `v${vocabulary}`), preparePaper(paper)) !== null);
  const own = (topic: string) => parseTopicQuery(topic).anyOf.flat().flatMap((t) => (t.kind === "word" ? [t.text] : t.words));
  return new Map(topics.map((t) => [t, learnedTerms(counts, t, own(t))]));
}
const learned = { true: learnedFor(true), false: learnedFor(false) };

/** Each topic's feedback profile from the development labels, for a configuration without feedback. */
function feedbackFor(config: Config): Map<string, FeedbackProfile> {
  const dev = partOf(labels, "dev");
  const out = new Map<string, FeedbackProfile>();
  for (const topic of dev.topics) {
    const compiled = compile(config, topic.query);
    const votes = dev.papers.flatMap((p): FeedbackVote[] => {
      if (topic.borderline.includes(p.id)) return [];
      if (topic.relevant.includes(p.id)) return [{ actor: { id: `dev-${p.id}`, isBot: false }, paper: p, kind: "more" }];
      return matchPrepared(compiled, prep(p)) ? [{ actor: { id: `dev-${p.id}`, isBot: false }, paper: p, kind: "less" }] : [];
    });
    out.set(topic.query, feedbackProfile(votes));
  }
  return out;
}

function compile(config: Config, topic: string): CompiledQuery {
  const terms = config.learned ? (learned[String(config.vocabulary) as "true" | "false"].get(topic) ?? []) : [];
  return compiledFor(topic, { vocabulary: config.vocabulary, learned: terms }, `v${config.vocabulary}l${config.learned}`);
}

function run(config: Config, set: LabelSet): TopicScore[] {
  const feedback = config.feedback ? feedbackFor({ ...config, feedback: false }) : null;
  return evaluate(set, parseTopicQuery, (_q, paper, topic) => {
    const compiled = compile(config, topic.query);
    if (!feedback) return matchPrepared(compiled, prep(paper)) !== null;
    return matchWithSignals(compiled, { ...prep(paper), title: paper.title, aiKeywords: paper.aiKeywords }, { feedback: feedback.get(topic.query) ?? feedbackProfile([]) }) !== null;
  });
}

const DEFAULT: Config = { name: "default: vocabulary", vocabulary: true, learned: false, feedback: false };
const CONFIGS: Config[] = [
  { name: "today's matcher (no vocabulary)", vocabulary: false, learned: false, feedback: false },
  DEFAULT,
  { name: "vocabulary + learned", vocabulary: true, learned: true, feedback: false },
  { name: "learned only (no vocabulary)", vocabulary: false, learned: true, feedback: false },
  { name: "vocabulary + feedback (dev votes)", vocabulary: true, learned: false, feedback: true },
  { name: "vocabulary + learned + feedback", vocabulary: true, learned: true, feedback: true },
];

const lines: string[] = [`Labelled set: ${labels.papers.length} papers, ${labels.topics.length} topics`];
for (const part of ["dev", "heldout"] as LabelPart[]) {
  const set = partOf(labels, part);
  const ours = run(DEFAULT, set);
  const today = run(CONFIGS[0] as Config, set);
  const naive = evaluate(set, parseTopicQuery, naiveMatches);
  lines.push("", `## ${part === "dev" ? "Development" : "Held-out"} part: ${set.papers.length} papers (${DEFAULT.name})`, "");
  lines.push(row(["topic", "relevant", "P", "R", "F1", "today P", "today R", "today F1", "naive P", "naive R", "naive F1"]));
  lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  ours.forEach((s, i) => {
    const t = today[i] as TopicScore;
    const n = naive[i] as TopicScore;
    lines.push(row([s.query, String(s.tp + s.fn.length), ...cells(s), ...cells(t), ...cells(n)]));
  });
  for (const [name, avg] of [["micro", micro], ["macro", macro]] as const) {
    const f = (x: { p: number; r: number; f1: number }) => [fmt(x.p), fmt(x.r), fmt(x.f1)];
    lines.push(row([`**${name}**`, "", ...f(avg(ours)), ...f(avg(today)), ...f(avg(naive))]));
  }
  if (process.argv.includes("--errors") && (part === "dev" || process.argv.includes("--heldout-errors"))) {
    lines.push("");
    for (const s of ours) lines.push(`${s.query}: FP ${s.fp.join(", ") || "-"} | FN ${s.fn.join(", ") || "-"}`);
  }
}
lines.push("", "## Ablation (macro and micro over topics)", "");
lines.push(row(["configuration", "dev macro P", "dev macro R", "dev macro F1", "held-out macro P", "held-out macro R", "held-out macro F1", "held-out micro P", "held-out micro R", "held-out micro F1"]));
lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
for (const config of CONFIGS) {
  const dev = run(config, partOf(labels, "dev"));
  const ho = run(config, partOf(labels, "heldout"));
  const d = macro(dev);
  const h = macro(ho);
  const hm = micro(ho);
  const devCells = config.feedback ? ["(in-sample)", "", ""] : [fmt(d.p), fmt(d.r), fmt(d.f1)];
  lines.push(row([config.name, ...devCells, fmt(h.p), fmt(h.r), fmt(h.f1), fmt(hm.p), fmt(hm.r), fmt(hm.f1)]));
}
lines.push("| embeddings (hybrid) | not measured: needs an embeddings endpoint; off by default |  |  |  |  |  |  |  |  |");
lines.push("", "Learned terms (vocabulary on):");
for (const [topic, terms] of learned.true) lines.push(`- ${topic}: ${terms.map((t) => `${t.words.join(" ")} (PMI ${t.pmi.toFixed(1)})`).join(", ") || "none"}`);
process.stdout.write(`${lines.join("\n")}\n`);

/**
 * Precision/recall of topic matching on the labelled set (test/fixtures/topic-labels),
 * next to a naive stem-and-substring baseline. Run: npx tsx bench/topic-eval.ts
 * Pass --errors to list false positives and false negatives per topic.
 */
import { matchTopic } from "../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import type { TopicScore } from "../test/core/topics/evaluate-topics.js";
import { evaluate, loadLabels, micro, naiveMatches, prf } from "../test/core/topics/evaluate-topics.js";

const labels = loadLabels();
const ours = evaluate(labels, parseTopicQuery, (q, p) => matchTopic(q, p) !== null);
const naive = evaluate(labels, parseTopicQuery, naiveMatches);

const fmt = (x: number): string => x.toFixed(2);
const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;
const cells = (s: TopicScore): string[] => {
  const m = prf(s.tp, s.fp.length, s.fn.length);
  return [fmt(m.p), fmt(m.r), fmt(m.f1)];
};

const lines: string[] = [
  `Labelled set: ${labels.papers.length} papers, ${labels.topics.length} topics`,
  "",
  row(["topic", "relevant", "P", "R", "F1", "naive P", "naive R", "naive F1"]),
  row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
];
ours.forEach((s, i) => {
  const n = naive[i];
  if (!n) return;
  lines.push(row([s.query, String(s.tp + s.fn.length), ...cells(s), ...cells(n)]));
});
const mo = micro(ours);
const mn = micro(naive);
lines.push(row(["**micro**", "", fmt(mo.p), fmt(mo.r), fmt(mo.f1), fmt(mn.p), fmt(mn.r), fmt(mn.f1)]));
if (process.argv.includes("--errors")) {
  lines.push("");
  for (const s of ours) lines.push(`${s.query}: FP ${s.fp.join(", ") || "-"} | FN ${s.fn.join(", ") || "-"}`);
}
process.stdout.write(`${lines.join("\n")}\n`);

/**
 * Precision/recall of topic matching on the labelled set (test/fixtures/topic-labels), per
 * topic, on the development and the held-out part, next to a naive stem-and-substring
 * baseline. Run: npx tsx bench/topic-eval.ts
 * Pass --errors to list false positives and false negatives per topic (development part only,
 * unless --heldout-errors is also given).
 */
import { matchTopic } from "../src/core/topics/match-topic.js";
import { parseTopicQuery } from "../src/core/topics/parse-topic-query.js";
import type { LabelPart, TopicScore } from "../test/core/topics/evaluate-topics.js";
import { evaluate, loadLabels, macro, micro, naiveMatches, partOf, prf } from "../test/core/topics/evaluate-topics.js";

const labels = loadLabels();
const fmt = (x: number): string => x.toFixed(2);
const row = (cells: string[]): string => `| ${cells.join(" | ")} |`;
const cells = (s: TopicScore): string[] => {
  const m = prf(s.tp, s.fp.length, s.fn.length);
  return [fmt(m.p), fmt(m.r), fmt(m.f1)];
};

const lines: string[] = [`Labelled set: ${labels.papers.length} papers, ${labels.topics.length} topics`];
for (const part of ["dev", "heldout"] as LabelPart[]) {
  const set = partOf(labels, part);
  const ours = evaluate(set, parseTopicQuery, (q, p) => matchTopic(q, p) !== null);
  const naive = evaluate(set, parseTopicQuery, naiveMatches);
  lines.push("", `## ${part === "dev" ? "Development" : "Held-out"} part: ${set.papers.length} papers`, "");
  lines.push(row(["topic", "relevant", "P", "R", "F1", "naive P", "naive R", "naive F1"]));
  lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  ours.forEach((s, i) => {
    const n = naive[i];
    if (n) lines.push(row([s.query, String(s.tp + s.fn.length), ...cells(s), ...cells(n)]));
  });
  for (const [name, avg] of [["micro", micro], ["macro", macro]] as const) {
    const mo = avg(ours);
    const mn = avg(naive);
    lines.push(row([`**${name}**`, "", fmt(mo.p), fmt(mo.r), fmt(mo.f1), fmt(mn.p), fmt(mn.r), fmt(mn.f1)]));
  }
  if (process.argv.includes("--errors") && (part === "dev" || process.argv.includes("--heldout-errors"))) {
    lines.push("");
    for (const s of ours) lines.push(`${s.query}: FP ${s.fp.join(", ") || "-"} | FN ${s.fn.join(", ") || "-"}`);
  }
}
process.stdout.write(`${lines.join("\n")}\n`);

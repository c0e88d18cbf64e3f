/**
 * Assigns each paper of the labelled set (test/fixtures/topic-labels) to the development or the
 * held-out part, once: papers that already have a part keep it, so the held-out part stays
 * frozen while papers are added. Stratified per topic and deterministic: a paper's stratum is
 * the first topic (in file order) it is relevant to, else the first it is borderline for, else
 * "none"; within a stratum papers are ordered by the SHA-256 of their id and every 2nd and 4th
 * of each 5 goes to held-out (40%). Run: npx tsx bench/split-topic-labels.ts
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

interface Paper {
  id: string;
  part?: "dev" | "heldout";
  [field: string]: unknown;
}
interface Topic {
  query: string;
  relevant: string[];
  borderline: string[];
}

const url = new URL("../test/fixtures/topic-labels/topic-labels.json", import.meta.url);
const data = JSON.parse(readFileSync(url, "utf8")) as { papers: Paper[]; topics: Topic[] };

const stratum = (id: string): string =>
  data.topics.find((t) => t.relevant.includes(id))?.query ?? data.topics.find((t) => t.borderline.includes(id))?.query ?? "none";
const hash = (id: string): string => createHash("sha256").update(id).digest("hex");

const strata = new Map<string, Paper[]>();
for (const paper of data.papers) {
  if (paper.part) continue;
  const key = stratum(paper.id);
  strata.set(key, [...(strata.get(key) ?? []), paper]);
}
for (const papers of strata.values()) {
  papers.sort((a, b) => (hash(a.id) < hash(b.id) ? -1 : 1));
  papers.forEach((paper, i) => {
    paper.part = i % 5 === 1 || i % 5 === 3 ? "heldout" : "dev";
  });
}
writeFileSync(url, `${JSON.stringify(data, null, 1)}\n`);
const count = (part: string): number => data.papers.filter((p) => p.part === part).length;
process.stdout.write(`dev ${count("dev")}, heldout ${count("heldout")}\n`);

import type { CompiledAlt, CompiledQuery, CompiledTerm } from "./prepare-query.js";
import { prepareQuery } from "./prepare-query.js";
import type { MatchablePaper, MatchField, PreparedPaper } from "./prepare-paper.js";
import { MATCH_FIELDS, preparePaper } from "./prepare-paper.js";
import type { TopicQuery } from "./topic-query.js";

export type { MatchablePaper } from "./prepare-paper.js";

/** Why a paper matched: one query term and the fields it was found in. */
export interface MatchReason {
  /** The query term as typed: `tokenization`, `"flow matching"`. */
  term: string;
  /** Fields with evidence for the term, strongest first. */
  fields: MatchField[];
  /** Curated expansions that supplied evidence (`bpe`, `subword`); absent when none did. */
  via?: string[];
  /** Research-vocabulary terms that supplied evidence (`subword segmentation`); absent when none did. */
  vocabulary?: string[];
  /** Terms learned from the store that supplied evidence, with their PMI in bits; only on the `learned` reason. */
  learned?: { term: string; pmi: number }[];
}

/** A topic's match with one paper. */
export interface TopicMatch {
  /** Relevance, ≥ MATCH_THRESHOLD; higher is more on-topic (title 3, keywords 2, abstract up to 2.5, summed over matching clauses). */
  score: number;
  /** The evidence, one entry per term. */
  reasons: MatchReason[];
}

/** Weight of a title hit: a topic named in the title is what the paper is about. */
export const TITLE_WEIGHT = 3;
/** Weight of an HF ai_keywords hit: HF's keywords list the paper's main concepts. */
export const KEYWORDS_WEIGHT = 2;
/** Most the abstract can give: the first mention counts 1, each further mention 0.5. */
export const ABSTRACT_CAP = 2.5;
/**
 * The match rule. A term (with its word family and curated expansions) scores
 * 3 × [in title] + 2 × [in HF keywords] + abstract, where the abstract gives 1 for the first
 * mention and 0.5 for each further one, capped at 2.5; expansions count their weight per
 * mention. A clause scores the minimum over its terms (or, for unquoted words, the score of
 * the words read as one phrase, if higher). A paper matches when some clause reaches 1.5:
 * a title or keyword hit qualifies on its own, one passing abstract mention does not, two
 * mentions do. Tuned on test/fixtures/topic-labels (see bench/topic-eval.ts). Any mention of
 * an excluded term, in any field, rules the paper out.
 */
export const MATCH_THRESHOLD = 1.5;

/** Matches one topic against one paper; null when the paper is not about the topic. */
export function matchTopic(query: TopicQuery, paper: MatchablePaper): TopicMatch | null {
  return matchPrepared(prepareQuery(query), preparePaper(paper));
}

/** Matches a topic against many papers; the matches, highest score first (ties by id). */
export function matchTopicAcross<P extends MatchablePaper>(
  query: TopicQuery,
  papers: readonly P[],
): { paper: P; match: TopicMatch }[] {
  const compiled = prepareQuery(query);
  const out: { paper: P; match: TopicMatch }[] = [];
  for (const paper of papers) {
    const match = matchPrepared(compiled, preparePaper(paper));
    if (match) out.push({ paper, match });
  }
  return out.sort((a, b) => b.match.score - a.match.score || (a.paper.id < b.paper.id ? -1 : 1));
}

/** The fast path: a compiled topic against a tokenised paper, set lookups only. */
export function matchPrepared(compiled: CompiledQuery, paper: PreparedPaper): TopicMatch | null {
  return matchScored(compiled, (term) => scoreTerm(term, paper));
}

/**
 * The match rule over term scores from `score` (scoreTerm on one paper, or a per-batch memo
 * of it: a term's score depends only on the term and the paper, and topics share terms).
 */
export function matchScored(compiled: CompiledQuery, score: (term: CompiledTerm) => TermScore | undefined): TopicMatch | null {
  for (const term of compiled.exclude) if ((score(term)?.score ?? 0) > 0) return null;
  let total = 0;
  let evidence: TermScore[] | null = null;
  for (const clause of compiled.clauses) {
    const required = clause.required;
    let andScore = Number.POSITIVE_INFINITY;
    for (let k = 0; k < required.length && andScore > 0; k += 1) andScore = Math.min(andScore, score(required[k] as CompiledTerm)?.score ?? 0);
    if (required.length === 0 || !(andScore > 0)) andScore = 0;
    const implicit = clause.implicit ? score(clause.implicit) : undefined;
    const useImplicit = implicit !== undefined && implicit.score >= andScore;
    const clauseScore = useImplicit ? implicit.score : andScore;
    if (clauseScore < MATCH_THRESHOLD) continue;
    total += clauseScore;
    evidence ??= [];
    if (useImplicit) evidence.push(implicit);
    else for (const t of required) evidence.push(score(t) as TermScore);
  }
  if (total === 0 || !evidence) return null;
  return new LazyMatch(Math.round(total * 100) / 100, evidence);
}

/**
 * A match whose reasons are built on first read: a daily run matches millions of
 * (topic, paper) pairs but explains only the few papers it posts.
 */
class LazyMatch implements TopicMatch {
  private built: MatchReason[] | null = null;
  constructor(
    readonly score: number,
    private readonly evidence: readonly TermScore[],
  ) {}

  get reasons(): MatchReason[] {
    if (!this.built) {
      const reasons = new Map<string, MatchReason>();
      for (const s of this.evidence) addReason(reasons, s);
      this.built = [...reasons.values()];
    }
    return this.built;
  }

  toJSON(): { score: number; reasons: MatchReason[] } {
    return { score: this.score, reasons: this.reasons };
  }
}

/**
 * One line for users: `tokenization (title, keywords); "flow matching" (abstract)`, with the
 * expansions that supplied evidence: `tokenization (title; via bpe; via vocabulary: "subword
 * segmentation")`, `learned: "bpe" (PMI 4.1)`.
 */
export function explainMatch(match: TopicMatch): string {
  return match.reasons.map(explainReason).join("; ");
}

/** One reason as text. */
function explainReason(r: MatchReason): string {
  if (r.learned && r.learned.length > 0) {
    return r.learned.map((l) => `learned: "${l.term}" (PMI ${l.pmi.toFixed(1)}; ${r.fields.join(", ")})`).join("; ");
  }
  const parts = [r.fields.join(", ")];
  if (r.via && r.via.length > 0) parts.push(`via ${r.via.join(", ")}`);
  if (r.vocabulary && r.vocabulary.length > 0) parts.push(`via vocabulary: ${r.vocabulary.map((v) => `"${v}"`).join(", ")}`);
  return `${r.term} (${parts.join("; ")})`;
}

/** A term's score in one paper, with the evidence behind it. */
export interface TermScore {
  /** The term. */
  term: CompiledTerm;
  /** Its score (0 when absent). */
  score: number;
  /** Mentions per field, in MATCH_FIELDS order. */
  evidence: [number, number, number];
  /** Expansions (curated, vocabulary or learned) that supplied evidence. */
  via: CompiledAlt[];
}

/** One term against one paper: evidence per field and the weighted score. */
export function scoreTerm(term: CompiledTerm, paper: PreparedPaper): TermScore {
  const evidence: [number, number, number] = [0, 0, 0];
  const via = new Set<CompiledAlt>();
  const live: LiveAlt[] = [];
  for (const alt of term.alts) {
    const forms = presentForms(alt, paper);
    if (forms) live.push({ alt, forms });
  }
  if (live.length === 0) return { term, score: 0, evidence, via: [] };
  const only = live[0];
  if (live.length === 1 && only && only.alt.slots.length === 1 && term.ignore.length === 0) {
    for (const form of only.forms) addCounts(evidence, paper.counts.get(form), only.alt.weight);
    if (only.alt.expanded) via.add(only.alt);
  } else {
    for (let f = 0; f < 3; f += 1) {
      const field = paper.fields[f];
      if (!field) continue;
      let found: Occurrence[] = [];
      for (const l of live) collectOccurrences(l, f, paper, found);
      if (found.length > 0 && term.ignore.length > 0) found = dropIgnored(found, term.ignore, f, paper);
      evidence[f] = countMentions(found, via);
    }
  }
  const [t, k, a] = evidence;
  const abstract = a <= 1 ? a : Math.min(ABSTRACT_CAP, 1 + 0.5 * (a - 1));
  const score = TITLE_WEIGHT * Math.min(1, t) + KEYWORDS_WEIGHT * Math.min(1, k) + abstract;
  return { term, score, evidence, via: [...via] };
}

/** An alternative with the forms of its first word (or joined forms) that occur in the paper. */
interface LiveAlt {
  alt: CompiledAlt;
  forms: string[];
}

/** One place an alternative occurs: words [start, end) of a field. */
interface Occurrence {
  start: number;
  end: number;
  alt: CompiledAlt;
}

/** Cheap pre-check: the forms that can start the alternative and occur in the paper; null when none or its condition fails. */
function presentForms(alt: CompiledAlt, paper: PreparedPaper): string[] | null {
  let forms: string[] | null = null;
  const starts = alt.starts;
  for (let i = 0; i < starts.length; i += 1) {
    const form = starts[i] as string;
    if (paper.counts.has(form)) (forms ??= []).push(form);
  }
  if (forms && alt.requires.length > 0 && !alt.requires.some((w) => paper.counts.has(w))) return null;
  if (forms && alt.slots.length > 1 && !forms.some((f) => alt.joined.includes(f)) && !restPresent(alt, paper)) return null;
  return forms;
}

/** Whether every later word of a phrase has some form in the paper; when one has none, the phrase cannot occur. */
function restPresent(alt: CompiledAlt, paper: PreparedPaper): boolean {
  for (let k = 1; k < alt.slots.length; k += 1) {
    let any = false;
    for (const w of alt.slots[k] ?? []) {
      if (paper.counts.has(w)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

function collectOccurrences(live: LiveAlt, f: number, paper: PreparedPaper, out: Occurrence[]): void {
  const { alt, forms } = live;
  const field = paper.fields[f];
  if (!field) return;
  const rest = alt.slots.slice(1);
  const joined = alt.slots.length > 1 ? new Set(alt.joined) : null;
  for (const form of forms) {
    if ((paper.counts.get(form)?.[f] ?? 0) === 0) continue;
    const single = rest.length === 0 || (joined?.has(form) ?? false);
    for (const p of field.positions.get(form) ?? []) {
      if (single) out.push({ start: p, end: p + 1, alt });
      else if (rest.every((slot, k) => slot.has(field.seq[p + k + 1] ?? ""))) out.push({ start: p, end: p + alt.slots.length, alt });
    }
  }
}

/** Removes occurrences that overlap an other-sense phrase (`diffusion` inside `diffusion MRI`). */
function dropIgnored(found: Occurrence[], ignore: readonly CompiledAlt[], f: number, paper: PreparedPaper): Occurrence[] {
  const blocked: Occurrence[] = [];
  for (const alt of ignore) {
    const forms = presentForms(alt, paper);
    if (forms) collectOccurrences({ alt, forms }, f, paper, blocked);
  }
  if (blocked.length === 0) return found;
  return found.filter((o) => !blocked.some((b) => o.start < b.end && b.start < o.end));
}

/**
 * Counts mentions: overlapping occurrences (`self-speculative decoding` for two
 * alternatives) and directly adjacent occurrences of different alternatives
 * (`retrieval-augmented generation (RAG)`, `BPE tokenizer`) are one mention, worth its
 * strongest alternative's weight.
 */
function countMentions(found: Occurrence[], via: Set<CompiledAlt>): number {
  if (found.length === 0) return 0;
  found.sort((x, y) => x.start - y.start || y.end - x.end);
  let total = 0;
  let end = -1;
  let weight = 0;
  let last: CompiledAlt | null = null;
  for (const o of found) {
    if (o.alt.expanded) via.add(o.alt);
    if (o.start < end || (o.start === end && o.alt !== last)) {
      end = Math.max(end, o.end);
      weight = Math.max(weight, o.alt.weight);
      last = o.alt;
      continue;
    }
    total += weight;
    end = o.end;
    weight = o.alt.weight;
    last = o.alt;
  }
  return total + weight;
}

function addCounts(out: [number, number, number], c: readonly [number, number, number] | undefined, weight: number): void {
  if (!c) return;
  out[0] += weight * c[0];
  out[1] += weight * c[1];
  out[2] += weight * c[2];
}

function addReason(reasons: Map<string, MatchReason>, s: TermScore): void {
  const fields = MATCH_FIELDS.filter((_, f) => (s.evidence[f] ?? 0) > 0);
  const prev = reasons.get(s.term.label);
  const merged = prev ? MATCH_FIELDS.filter((f) => prev.fields.includes(f) || fields.includes(f)) : fields;
  const reason: MatchReason = { term: s.term.label, fields: merged };
  const labels = (source: string, before: readonly string[] | undefined): string[] => [
    ...new Set([...(before ?? []), ...s.via.filter((a) => a.source === source).map((a) => a.label)]),
  ];
  const via = labels("curated", prev?.via);
  const vocabulary = labels("vocabulary", prev?.vocabulary);
  const learned = [...(prev?.learned ?? [])];
  for (const a of s.via) if (a.source === "learned" && !learned.some((l) => l.term === a.label)) learned.push({ term: a.label, pmi: a.pmi });
  if (via.length > 0) reason.via = via;
  if (vocabulary.length > 0) reason.vocabulary = vocabulary;
  if (learned.length > 0) reason.learned = learned;
  reasons.set(s.term.label, reason);
}

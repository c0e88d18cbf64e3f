import { feedbackProfile, type FeedbackProfile } from "./channel-feedback.js";
import { matchWithSignals } from "./hybrid-score.js";
import type { LearnedAssociation } from "./learn-associations.js";
import { parseTopicQuery } from "./parse-topic-query.js";
import { explainMatch, matchPrepared } from "./match-topic.js";
import { preparePaper, type MatchablePaper } from "./prepare-paper.js";
import { prepareQuery, type CompiledQuery } from "./prepare-query.js";
import { learnedFor, topicKeyOf } from "./topic-learning.js";
import type { TopicPorts } from "./topic-ports.js";

/** A paper's verdict over a conversation's topics. */
export interface TopicVerdict {
  /** Best hybrid score over the matching topics. */
  score: number;
  /** The "why" line: each matching topic's explanation, `; `-joined. */
  why: string;
  /** The topics (as given) that matched. */
  topics: string[];
}

/** One topic compiled with every signal of one conversation. */
export interface PreparedTopic {
  /** The topic as given. */
  topic: string;
  /** Its storage key (topicKeyOf). */
  key: string;
  /** Compiled with the vocabulary and its learned terms. */
  compiled: CompiledQuery;
  /** The conversation's feedback on it. */
  feedback: FeedbackProfile;
  /** Terms it has learned (the conversation's dropped ones left out); [] below the learning threshold. */
  learned: LearnedAssociation[];
}

/**
 * Compiles a conversation's topics with every signal: the research vocabulary (always),
 * learned associations once the store has counted `learnAfterPapers` papers (minus the
 * conversation's dropped terms), and its feedback weights. Invalid topics are left out;
 * `conversation` null (the CLI) uses no dropped terms and no feedback.
 */
export async function prepareTopics(ports: TopicPorts, conversation: string | null, topics: readonly string[]): Promise<PreparedTopic[]> {
  const valid = topics.flatMap((topic) => {
    try {
      return [{ topic, key: topicKeyOf(topic), query: parseTopicQuery(topic) }];
    } catch {
      return [];
    }
  });
  const learned = await learnedFor(ports, conversation, valid.map((v) => v.topic));
  const out: PreparedTopic[] = [];
  for (const v of valid) {
    const terms = learned.get(v.key) ?? [];
    const feedback = feedbackProfile(conversation ? await ports.feedback.list(conversation, v.key) : []);
    out.push({ topic: v.topic, key: v.key, compiled: prepareQuery(v.query, undefined, { learned: terms }), feedback, learned: terms });
  }
  return out;
}

/**
 * The one topic match of the bot (the daily run, `today <topic>`, subscribe's preview,
 * `papers match`, feedback): every prepared topic against every paper through
 * matchWithSignals, with embedding similarity when configured (words only when the endpoint
 * fails). Verdicts by paper id, only for papers some topic matches.
 */
export async function matchTopics<P extends MatchablePaper>(ports: Pick<TopicPorts, "semantic">, prepared: readonly PreparedTopic[], papers: readonly P[]): Promise<Map<string, TopicVerdict>> {
  const out = new Map<string, TopicVerdict>();
  if (prepared.length === 0 || papers.length === 0) return out;
  const sims: (Map<string, number> | null)[] = [];
  for (const t of prepared) sims.push(ports.semantic ? await ports.semantic.cosines(t.topic, papers) : null);
  const weight = ports.semantic?.weight;
  const plain = prepared.map((t, k) => sims[k] === null && t.feedback.weights.size === 0);
  for (const source of papers) {
    const paper = preparePaper(source);
    let verdict: TopicVerdict | undefined;
    for (let k = 0; k < prepared.length; k += 1) {
      const t = prepared[k] as PreparedTopic;
      let m: { score: number; why: string } | null;
      if (plain[k]) {
        // No signal beyond the words: the plain match rule, as fast as before signals existed.
        const words = matchPrepared(t.compiled, paper);
        m = words ? { score: words.score, why: explainMatch(words) } : null;
      } else {
        const cosine = sims[k]?.get(paper.id);
        const signals = cosine !== undefined ? { feedback: t.feedback, cosine, semanticWeight: weight } : { feedback: t.feedback };
        m = matchWithSignals(t.compiled, { id: paper.id, fields: paper.fields, counts: paper.counts, title: source.title, aiKeywords: source.aiKeywords }, signals);
      }
      if (!m) continue;
      if (verdict) {
        verdict.score = Math.max(verdict.score, m.score);
        verdict.why = `${verdict.why}; ${m.why}`;
        verdict.topics.push(t.topic);
      } else verdict = { score: m.score, why: m.why, topics: [t.topic] };
    }
    if (verdict) out.set(source.id, verdict);
  }
  return out;
}

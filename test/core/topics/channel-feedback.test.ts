import { describe, expect, it } from "vitest";
import type { FeedbackVote } from "../../../src/core/topics/channel-feedback.js";
import { FEEDBACK_BETA, MAX_ADJUSTMENT, feedbackAdjustment, feedbackProfile } from "../../../src/core/topics/channel-feedback.js";
import { matchWithSignals } from "../../../src/core/topics/hybrid-score.js";
import { parseTopicQuery } from "../../../src/core/topics/parse-topic-query.js";
import { preparePaper } from "../../../src/core/topics/prepare-paper.js";
import { prepareQuery } from "../../../src/core/topics/prepare-query.js";

const paper = (id: string, title: string, aiKeywords: string[] = [], abstract = "") => ({ id, title, abstract, aiKeywords });
const vote = (actor: string, p: ReturnType<typeof paper>, kind: FeedbackVote["kind"], isBot = false): FeedbackVote => ({ actor: { id: actor, isBot }, paper: p, kind });
const liked = paper("a", "Tokenizers for Code Search Engines", ["code search"]);
const disliked = paper("b", "Tokenizer Fairness Across Languages", ["fairness"]);

describe("channel feedback", () => {
  it("raises terms of liked papers and lowers terms of disliked ones, Rocchio-style", () => {
    const profile = feedbackProfile([vote("u1", liked, "more"), vote("u2", disliked, "less"), vote("u3", liked, "up")]);
    expect(profile.votes).toBe(3);
    expect(profile.weights.get("code")).toBeGreaterThan(0);
    expect(profile.weights.get("fairness")).toBeLessThan(0);
  });

  it("ignores bot users", () => {
    expect(feedbackProfile([vote("bot", liked, "more", true)])).toEqual({ weights: new Map(), votes: 0 });
  });

  it("counts one person's repeated votes on a paper once, the latest", () => {
    const profile = feedbackProfile([vote("u1", liked, "more"), vote("u1", liked, "more"), vote("u1", liked, "less")]);
    expect(profile.votes).toBe(1);
    expect(profile.weights.get("code")).toBeLessThan(0);
  });

  it("bounds one vote: a quarter of the full effect", () => {
    const profile = feedbackProfile([vote("u1", liked, "more")]);
    expect(profile.weights.get("code")).toBeCloseTo(FEEDBACK_BETA / 4, 3);
  });

  it("bounds a flood of votes: no term past β, no paper moved more than MAX_ADJUSTMENT", () => {
    const flood = Array.from({ length: 5000 }, (_, i) => vote(`u${i}`, liked, "more"));
    const profile = feedbackProfile(flood);
    for (const w of profile.weights.values()) expect(w).toBeLessThanOrEqual(FEEDBACK_BETA);
    expect(feedbackAdjustment(profile, liked).delta).toBe(MAX_ADJUSTMENT);
    const compiled = prepareQuery(parseTopicQuery("tokenization"));
    const offTopic = paper("c", "Code Search Engines at Scale", ["code search"]);
    expect(matchWithSignals(compiled, { ...preparePaper(offTopic), ...offTopic }, { feedback: profile })).toBeNull();
  });

  it("moves a near-threshold paper and explains it in why", () => {
    const profile = feedbackProfile(Array.from({ length: 9 }, (_, i) => vote(`u${i}`, liked, "more")));
    const near = paper("d", "Code Search with Neural Rankers", ["code search"], "We revisit the tokenizer for code search.");
    const m = matchWithSignals(prepareQuery(parseTopicQuery("tokenization")), { ...preparePaper(near), ...near }, { feedback: profile });
    expect(m?.feedback).toBeGreaterThan(0.5);
    expect(m?.why).toMatch(/^words below the threshold \(1\.00\); channel feedback \+0\.75 \("(code|search|engine|code search)"/);
  });
});

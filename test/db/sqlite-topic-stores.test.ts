import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFixedClock } from "../../src/core/clock.js";
import type { FeedbackVote } from "../../src/core/topics/channel-feedback.js";
import { emptyCounts } from "../../src/core/topics/learn-associations.js";
import { createSqliteStores, type SqliteStores } from "../../src/db/create-sqlite-stores.js";
import { createTempDb } from "../helpers/temp-db.js";

const vote = (over: Partial<FeedbackVote> = {}): FeedbackVote => ({
  actor: { id: "u1", isBot: false },
  paper: { id: "2410.00001", title: "Byte pair encoding revisited", aiKeywords: ["BPE", "subword"] },
  kind: "more",
  ...over,
});

describe("SQLite topic stores", () => {
  let t: ReturnType<typeof createTempDb>;
  let stores: SqliteStores;
  beforeEach(() => {
    t = createTempDb();
    stores = createSqliteStores(t, { clock: createFixedClock("2026-08-01T09:00:00Z") });
  });
  afterEach(() => t.cleanup());

  it("adds association counts and loads only the asked topics with the totals of their terms", async () => {
    const a = stores.topicAssociations;
    const delta = emptyCounts();
    delta.papers = 10;
    delta.termPapers.set("bpe", 4).set("vision", 6);
    delta.topics.set("tokenization", { papers: 3, cooccur: new Map([["bpe", 3]]) });
    delta.topics.set("robotics", { papers: 0, cooccur: new Map() });
    await a.addCounts(delta);
    await a.addCounts(delta);
    const counts = await a.loadCounts(["tokenization"]);
    expect(counts.papers).toBe(20);
    expect(counts.topics.get("tokenization")).toEqual({ papers: 6, cooccur: new Map([["bpe", 6]]) });
    expect([...counts.termPapers]).toEqual([["bpe", 8]]);
    expect(counts.topics.has("robotics")).toBe(false);
    expect(await a.countedTopics()).toEqual(new Set(["tokenization", "robotics"]));
    expect((await a.loadCounts([])).papers).toBe(20);
  });

  it("drops a term once per conversation and topic", async () => {
    const a = stores.topicAssociations;
    expect(await a.dropTerm("c1", "tokenization", "bpe", "u1", "2026-08-01T09:00:00Z")).toBe(true);
    expect(await a.dropTerm("c1", "tokenization", "bpe", "u2", "2026-08-01T09:00:00Z")).toBe(false);
    expect(await a.droppedTerms("c1", "tokenization")).toEqual(new Set(["bpe"]));
    expect(await a.droppedTerms("c2", "tokenization")).toEqual(new Set());
  });

  it("keeps one feedback vote per person per paper: added, changed, unchanged; upvotes can be withdrawn", async () => {
    const f = stores.topicFeedback;
    expect(await f.add("c1", "tokenization", vote(), "2026-08-01T09:00:00Z")).toBe("added");
    expect(await f.add("c1", "tokenization", vote(), "2026-08-01T09:01:00Z")).toBe("unchanged");
    expect(await f.add("c1", "tokenization", vote({ kind: "less" }), "2026-08-01T09:02:00Z")).toBe("changed");
    expect(await f.add("c1", "tokenization", vote({ actor: { id: "u2", isBot: false }, kind: "up" }), "2026-08-01T09:03:00Z")).toBe("added");
    const listed = await f.list("c1", "tokenization");
    expect(listed.map((v) => [v.actor.id, v.kind])).toEqual([["u1", "less"], ["u2", "up"]]);
    expect(listed[0]?.paper).toEqual(vote().paper);
    expect(await f.removeUp("c1", "2410.00001", "u1")).toBe(0);
    expect(await f.removeUp("c1", "2410.00001", "u2")).toBe(1);
    expect((await f.list("c1", "tokenization")).length).toBe(1);
  });

  it("stores an embedding once per key", async () => {
    const e = stores.embeddingCache;
    await e.putMany(new Map([["m:paper:1", [1, 0.5]]]));
    await e.putMany(new Map([["m:paper:1", [9, 9]], ["m:topic:t", [0, 1]]]));
    expect(await e.getMany(["m:paper:1", "m:topic:t", "m:paper:2"])).toEqual(new Map([["m:paper:1", [1, 0.5]], ["m:topic:t", [0, 1]]]));
  });
});

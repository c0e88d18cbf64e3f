import { beforeEach, describe, expect, it } from "vitest";
import type { SqliteStores } from "../../src/db/create-sqlite-stores.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

describe.each(STORE_DIALECTS)("topic-learning stores on %s", (dialect) => {
  const fixture = useStores(dialect);
  let stores: SqliteStores;
  beforeEach(() => {
    stores = fixture.stores;
  });

  it("adds co-occurrence counts (duplicates in one delta summed) and loads only the asked topics", async () => {
    const delta = (n: number) => ({
      papers: 3 * n,
      termPapers: new Map([["routing", 2 * n], ["experts", n]]),
      topics: new Map([["mixture of experts", { papers: n, cooccur: new Map([["routing", n]]) }], ["other", { papers: 1, cooccur: new Map([["x", 1]]) }]]),
    });
    await stores.topicAssociations.addCounts(delta(1));
    await stores.topicAssociations.addCounts(delta(2));
    const counts = await stores.topicAssociations.loadCounts(["mixture of experts", ""]);
    expect(counts.papers).toBe(9);
    expect([...counts.topics.keys()]).toEqual(["mixture of experts"]);
    expect(counts.topics.get("mixture of experts")).toEqual({ papers: 3, cooccur: new Map([["routing", 3]]) });
    expect(counts.termPapers).toEqual(new Map([["routing", 6]]));
    expect(await stores.topicAssociations.countedTopics()).toEqual(new Set(["mixture of experts", "other"]));
    expect(await stores.topicAssociations.dropTerm("slack:T1:C1", "agents", "tool", "U1", "2026-08-04T09:00:00.000Z")).toBe(true);
    expect(await stores.topicAssociations.dropTerm("slack:T1:C1", "agents", "tool", "U2", "2026-08-04T09:01:00.000Z")).toBe(false);
    expect(await stores.topicAssociations.droppedTerms("slack:T1:C1", "agents")).toEqual(new Set(["tool"]));
  });

  it("keeps the latest feedback per person and paper, and removes upvote feedback", async () => {
    const vote = (kind: "up" | "more" | "less") => ({ actor: { id: "U1", isBot: false }, paper: { id: "2608.00001", title: "Agents", aiKeywords: ["tools"] }, kind });
    expect(await stores.topicFeedback.add("slack:T1:C1", "agents", vote("more"), "2026-08-04T09:00:00.000Z")).toBe("added");
    expect(await stores.topicFeedback.add("slack:T1:C1", "agents", vote("more"), "2026-08-04T09:01:00.000Z")).toBe("unchanged");
    expect(await stores.topicFeedback.add("slack:T1:C1", "agents", vote("up"), "2026-08-04T09:02:00.000Z")).toBe("changed");
    expect(await stores.topicFeedback.list("slack:T1:C1", "agents")).toEqual([vote("up")]);
    expect(await stores.topicFeedback.removeUp("slack:T1:C1", "2608.00001", "U1")).toBe(1);
    expect(await stores.topicFeedback.list("slack:T1:C1", "agents")).toEqual([]);
  });

  it("caches each embedding once", async () => {
    await stores.embeddingCache.putMany(new Map([["m:paper:1", [0.5, 1]], ["m:topic:agents", [1, 0]]]));
    await stores.embeddingCache.putMany(new Map([["m:paper:1", [9, 9]]]));
    expect(await stores.embeddingCache.getMany(["m:paper:1", "m:topic:agents", "m:nope", "m:paper:1"])).toEqual(new Map([["m:paper:1", [0.5, 1]], ["m:topic:agents", [1, 0]]]));
    expect(await stores.embeddingCache.getMany([])).toEqual(new Map());
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { createFixedClock } from "../../src/core/clock.js";
import type { Subscription } from "../../src/core/topics/subscription-store.js";
import type { Vote } from "../../src/core/votes/vote-store.js";
import type { SqliteStores } from "../../src/db/create-sqlite-stores.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

const sub = (over: Partial<Subscription> = {}): Subscription => ({
  conversation: "slack:T1:C1",
  platform: "slack",
  workspace: "T1",
  topic: "Diffusion Models",
  addedBy: "U1",
  addedAt: "2024-10-01T00:00:00.000Z",
  ...over,
});

const vote = (over: Partial<Vote> = {}): Vote => ({
  paperId: "2410.00001",
  conversation: "discord:G1:C1",
  workspace: "G1",
  userId: "u1",
  via: "reaction",
  at: "2024-10-23T10:00:00.000Z",
  ...over,
});

describe.each(STORE_DIALECTS)("small stores on %s", (dialect) => {
  const fixture = useStores(dialect, { clock: createFixedClock("2024-10-23T06:00:00.000Z") });
  let stores: SqliteStores;
  beforeEach(() => {
    stores = fixture.stores;
  });

  describe("subscriptions", () => {
    it("keeps topics unique per conversation, case-insensitively", async () => {
      expect(await stores.subscriptions.add(sub())).toEqual({ created: true });
      expect(await stores.subscriptions.add(sub({ topic: "  diffusion   MODELS " }))).toEqual({ created: false });
      expect(await stores.subscriptions.add(sub({ conversation: "slack:T1:C2" }))).toEqual({ created: true });
      expect(await stores.subscriptions.list("slack:T1:C1")).toEqual([sub()]);
      expect(await stores.subscriptions.listAll()).toHaveLength(2);
    });

    it("lists oldest first and removes case-insensitively", async () => {
      await stores.subscriptions.add(sub({ topic: "b", addedAt: "2024-10-02T00:00:00.000Z" }));
      await stores.subscriptions.add(sub({ topic: "a", addedAt: "2024-10-03T00:00:00.000Z" }));
      await stores.subscriptions.add(sub({ topic: "c", addedAt: "2024-10-01T00:00:00.000Z" }));
      expect((await stores.subscriptions.list("slack:T1:C1")).map((s) => s.topic)).toEqual(["c", "b", "a"]);
      expect(await stores.subscriptions.remove("slack:T1:C1", "B")).toBe(true);
      expect(await stores.subscriptions.remove("slack:T1:C1", "B")).toBe(false);
      expect(await stores.subscriptions.remove("slack:T1:C9", "a")).toBe(false);
      expect((await stores.subscriptions.list("slack:T1:C1")).map((s) => s.topic)).toEqual(["c", "a"]);
    });
  });

  describe("votes", () => {
    it("counts one vote per user, however often it is added", async () => {
      expect(await stores.votes.add(vote())).toBe(true);
      expect(await stores.votes.add(vote({ via: "button" }))).toBe(false);
      expect(await stores.votes.counts({ conversation: "discord:G1:C1" }, ["2410.00001", "2410.00002"])).toEqual(
        new Map([
          ["2410.00001", 1],
          ["2410.00002", 0],
        ]),
      );
    });

    it("keeps a vote while any of its sources holds it, and lists the reaction sources", async () => {
      const r1 = vote({ source: "reaction:discord:G1:C1:m1:thumbsup" });
      const r2 = vote({ source: "reaction:discord:G1:C1:m2:arrow_up", at: "2024-10-23T11:00:00.000Z" });
      expect(await stores.votes.add(r1)).toBe(true);
      expect(await stores.votes.add(r2)).toBe(false);
      expect(await stores.votes.add(vote({ via: "command", source: "command" }))).toBe(false);
      expect((await stores.votes.reactionSources("discord:G1:C1", "2410.00001")).map((r) => r.source)).toEqual([
        "reaction:discord:G1:C1:m1:thumbsup",
        "reaction:discord:G1:C1:m2:arrow_up",
      ]);
      expect(await stores.votes.reactionVoters("discord:G1:C1", "2410.00001")).toEqual(["u1"]);
      expect(await stores.votes.remove("discord:G1:C1", "2410.00001", "u1", r1.source)).toBe(false);
      expect(await stores.votes.remove("discord:G1:C1", "2410.00001", "u1", "command")).toBe(false);
      expect((await stores.votes.counts({ conversation: "discord:G1:C1" }, ["2410.00001"])).get("2410.00001")).toBe(1);
      expect(await stores.votes.remove("discord:G1:C1", "2410.00001", "u1", r2.source)).toBe(true);
      expect((await stores.votes.counts({ conversation: "discord:G1:C1" }, ["2410.00001"])).get("2410.00001")).toBe(0);
      expect(await stores.votes.reactionVoters("discord:G1:C1", "2410.00001")).toEqual([]);
    });

    it("removes a vote once", async () => {
      await stores.votes.add(vote());
      expect(await stores.votes.remove("discord:G1:C1", "2410.00001", "u1")).toBe(true);
      expect(await stores.votes.remove("discord:G1:C1", "2410.00001", "u1")).toBe(false);
      expect((await stores.votes.counts({ conversation: "discord:G1:C1" }, ["2410.00001"])).get("2410.00001")).toBe(0);
    });

    it("scopes counts to a conversation or a whole workspace (distinct users)", async () => {
      await stores.votes.add(vote());
      await stores.votes.add(vote({ userId: "u2" }));
      await stores.votes.add(vote({ conversation: "discord:G1:C2" }));
      await stores.votes.add(vote({ conversation: "discord:G1:C2", userId: "u3" }));
      await stores.votes.add(vote({ conversation: "discord:G2:C1", workspace: "G2", userId: "u4" }));
      expect((await stores.votes.counts({ conversation: "discord:G1:C1" }, ["2410.00001"])).get("2410.00001")).toBe(2);
      expect((await stores.votes.counts({ conversation: "discord:G1:C2" }, ["2410.00001"])).get("2410.00001")).toBe(2);
      expect((await stores.votes.counts({ workspace: "G1" }, ["2410.00001"])).get("2410.00001")).toBe(3);
      expect((await stores.votes.counts({ workspace: "G2" }, ["2410.00001"])).get("2410.00001")).toBe(1);
    });

    it("orders top papers by votes since a time, then by id", async () => {
      await stores.votes.add(vote({ paperId: "p1", userId: "a" }));
      await stores.votes.add(vote({ paperId: "p2", userId: "a" }));
      await stores.votes.add(vote({ paperId: "p2", userId: "b" }));
      await stores.votes.add(vote({ paperId: "p3", userId: "a", at: "2024-09-01T00:00:00.000Z" }));
      await stores.votes.add(vote({ paperId: "p3", userId: "b", at: "2024-09-01T00:00:00.000Z" }));
      await stores.votes.add(vote({ paperId: "p3", userId: "c", at: "2024-09-01T00:00:00.000Z" }));
      await stores.votes.add(vote({ paperId: "p4", userId: "a" }));
      const scope = { conversation: "discord:G1:C1" };
      expect(await stores.votes.top(scope, "2024-10-01T00:00:00.000Z", 10)).toEqual([
        { paperId: "p2", votes: 2 },
        { paperId: "p1", votes: 1 },
        { paperId: "p4", votes: 1 },
      ]);
      expect(await stores.votes.top(scope, "2024-01-01T00:00:00.000Z", 1)).toEqual([{ paperId: "p3", votes: 3 }]);
      expect(await stores.votes.top({ workspace: "G9" }, "2024-01-01T00:00:00.000Z", 5)).toEqual([]);
    });
  });

  describe("ingest runs", () => {
    it("records start and finish, newest first, filterable by source", async () => {
      const first = await stores.ingestRuns.start("hf", "2024-10-22");
      const second = await stores.ingestRuns.start("arxiv-rss", "2024-10-23");
      expect((await stores.ingestRuns.recent(5))[0]).toMatchObject({ id: second, status: "running", finishedAt: null, bad: [] });
      await stores.ingestRuns.finish(first, { status: "partial", papersNew: 3, papersUpdated: 1, bad: [{ ref: "#2", reason: "no id" }], error: null });
      await stores.ingestRuns.finish(second, { status: "failed", papersNew: 0, papersUpdated: 0, bad: [], error: "HTTP 503" });
      expect((await stores.ingestRuns.recent(10)).map((r) => r.id)).toEqual([second, first]);
      expect(await stores.ingestRuns.recent(10, "hf")).toEqual([
        {
          id: first,
          source: "hf",
          day: "2024-10-22",
          startedAt: "2024-10-23T06:00:00.000Z",
          finishedAt: "2024-10-23T06:00:00.000Z",
          status: "partial",
          papersNew: 3,
          papersUpdated: 1,
          bad: [{ ref: "#2", reason: "no id" }],
          error: null,
        },
      ]);
      expect(await stores.ingestRuns.recent(1)).toHaveLength(1);
      expect((await stores.ingestRuns.recent(10, "arxiv-rss"))[0]).toMatchObject({ status: "failed", error: "HTTP 503" });
    });
  });

  describe("processed events", () => {
    it("reports an event as new only the first time, and prunes old ones", async () => {
      expect(await stores.processedEvents.markIfNew("slack:Ev1")).toBe(true);
      expect(await stores.processedEvents.markIfNew("slack:Ev1")).toBe(false);
      expect(await stores.processedEvents.markIfNew("slack:Ev2")).toBe(true);
      await fixture.exec("UPDATE processed_events SET at = '2020-01-01T00:00:00.000Z' WHERE event_key = 'slack:Ev1'");
      expect(await stores.processedEvents.prune("2021-01-01T00:00:00.000Z")).toBe(1);
      expect(await stores.processedEvents.markIfNew("slack:Ev1")).toBe(true);
      expect(await stores.processedEvents.markIfNew("slack:Ev2")).toBe(false);
    });
  });
});

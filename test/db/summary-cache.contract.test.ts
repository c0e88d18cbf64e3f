import { beforeEach, describe, expect, it } from "vitest";
import type { SummaryCache } from "../../src/core/summaries/summary-cache.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

describe.each(STORE_DIALECTS)("SummaryCache on %s (real migrations)", (dialect) => {
  const fixture = useStores(dialect);
  let cache: SummaryCache;
  beforeEach(() => {
    cache = fixture.stores.summaryCache;
  });

  it("stores and replaces one entry per paper, kind and model", async () => {
    const entry = { paperId: "2608.00001", kind: "tldr" as const, model: "m1", text: "{}", writtenBy: "m1-2026", paperVersion: 1, createdAt: "2026-08-04T09:00:00.000Z" };
    await cache.put(entry);
    await cache.put({ ...entry, model: "m2", text: "other" });
    await cache.put({ ...entry, text: "{\"v\":2}", paperVersion: 2 });
    expect(await cache.get("2608.00001", "tldr", "m1")).toEqual({ ...entry, text: "{\"v\":2}", paperVersion: 2 });
    expect((await cache.get("2608.00001", "tldr", "m2"))?.text).toBe("other");
    expect(await cache.get("2608.00001", "full-text", "m1")).toBeNull();
  });

  it("takes requests from a day's budget until it is spent, per day, and never from a zero budget", async () => {
    const taken: boolean[] = [];
    for (let i = 0; i < 3; i += 1) taken.push(await cache.consumeRequest("2026-08-04", 2));
    expect(taken).toEqual([true, true, false]);
    expect(await cache.requestsUsed("2026-08-04")).toBe(2);
    expect(await cache.consumeRequest("2026-08-05", 2)).toBe(true);
    expect(await cache.consumeRequest("2026-08-06", 0)).toBe(false);
    expect(await cache.requestsUsed("2026-08-06")).toBe(0);
  });

  it("never grants more than the budget to requests racing for it", async () => {
    const granted = await Promise.all(Array.from({ length: 60 }, () => cache.consumeRequest("2026-08-07", 25)));
    expect(granted.filter(Boolean)).toHaveLength(25);
    expect(await cache.requestsUsed("2026-08-07")).toBe(25);
  });
});

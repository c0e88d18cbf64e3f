import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryLedger, DueRun } from "../../src/core/digest/delivery-ledger.js";
import type { OpenPgDatabase } from "../../src/db/pg/open-pg-database.js";
import { createPgDeliveryLedger } from "../../src/db/pg/pg-delivery-ledger.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";
import { tempPg } from "../helpers/temp-pg.js";

const NOW = "2026-08-04T09:00:00.000Z";
const LATER = "2026-08-04T09:10:00.000Z";
const claim = (owner: string, over: Partial<{ leaseUntil: string; now: string }> = {}) => ({
  owner,
  leaseUntil: "2026-08-04T09:05:00.000Z",
  scheduledFor: "2026-08-04T09:00:00.000Z",
  late: false,
  now: NOW,
  ...over,
});
const due = (n: number): DueRun[] =>
  Array.from({ length: n }, (_, i) => ({ conversation: `discord:G1:C${String(i).padStart(3, "0")}`, digestDay: "2026-08-04", scheduledFor: NOW, late: i % 2 === 0 }));

describe.each(STORE_DIALECTS)("DeliveryLedger on %s", (dialect) => {
  const fixture = useStores(dialect);
  let ledger: DeliveryLedger;
  beforeEach(() => {
    ledger = fixture.stores.ledger;
  });

  it("leases a run to one owner until it expires or finishes", async () => {
    const run = ledger.run("slack:T1:C1", "2026-08-04");
    expect(await run.claim(claim("a"))).toBe(true);
    expect(await run.claim(claim("b"))).toBe(false);
    expect(await run.claim(claim("a"))).toBe(true);
    expect(await run.renew("b", LATER)).toBe(false);
    expect(await run.renew("a", "2026-08-04T09:06:00.000Z")).toBe(true);
    expect(await run.claim(claim("b", { now: LATER }))).toBe(true);
    await run.finish("b", { status: "sent", papersSent: 3, detail: null, now: LATER });
    expect(await run.claim(claim("c", { now: "2026-08-05T00:00:00.000Z" }))).toBe(false);
    expect(await run.get()).toMatchObject({ status: "sent", owner: "b", papersSent: 3, late: false, finishedAt: LATER, startedAt: NOW });
    expect((await ledger.recentRuns("slack:T1:C1", 5)).map((r) => r.digestDay)).toEqual(["2026-08-04"]);
  });

  it("claims each message once, lets a failed one be retried, and maps references back", async () => {
    const run = ledger.run("slack:T1:C1", "2026-08-04");
    expect(await run.claimItem({ itemKey: "header", paperId: null, now: NOW })).toBe("claimed");
    expect(await run.claimItem({ itemKey: "paper:2608.00002", paperId: "2608.00002", now: NOW })).toBe("claimed");
    expect(await run.claimItem({ itemKey: "paper:2608.00001", paperId: "2608.00001", now: NOW })).toBe("claimed");
    expect(await run.claimItem({ itemKey: "header", paperId: null, now: NOW })).toBe("in-doubt");
    await run.markSent("header", "slack:T1:C1:111.1", NOW);
    expect(await run.claimItem({ itemKey: "header", paperId: null, now: NOW })).toBe("sent");
    await run.markFailed("paper:2608.00001", "channel_not_found");
    expect(await ledger.sentPaperIds("slack:T1:C1")).toEqual(new Set(["2608.00002"]));
    expect(await run.claimItem({ itemKey: "paper:2608.00001", paperId: "2608.00001", now: LATER })).toBe("claimed");
    await run.markSent("paper:2608.00002", "slack:T1:C1:222.2", LATER);
    expect((await run.items()).map((i) => i.itemKey)).toEqual(["header", "paper:2608.00002", "paper:2608.00001"]);
    expect(await ledger.findByMessageRef("slack:T1:C1:222.2")).toMatchObject({ paperId: "2608.00002", status: "sent" });
    expect(await ledger.findByMessageRef("nope")).toBeNull();
    expect(await ledger.latestPaperMessage("slack:T1:C1", "2608.00002")).toMatchObject({ messageRef: "slack:T1:C1:222.2" });
    expect((await ledger.paperMessagesSince(NOW)).map((i) => i.itemKey)).toEqual(["paper:2608.00002"]);
  });

  it("claims due channel-days in batches, skipping finished runs and live leases of others", async () => {
    const runs = due(6);
    const [first, second, third] = runs as [DueRun, DueRun, DueRun];
    expect(await ledger.run(first.conversation, first.digestDay).claim(claim("other"))).toBe(true);
    expect(await ledger.run(second.conversation, second.digestDay).claim(claim("done"))).toBe(true);
    await ledger.run(second.conversation, second.digestDay).finish("done", { status: "sent", papersSent: 1, detail: null, now: NOW });
    const lease = { owner: "me", leaseUntil: "2026-08-04T09:05:00.000Z", now: NOW };
    const taken = await ledger.claimDue(runs, lease, 3);
    expect(taken).toEqual(runs.slice(2, 5));
    expect(await ledger.run(third.conversation, third.digestDay).get()).toMatchObject({ owner: "me", status: "running", late: true, startedAt: NOW, scheduledFor: NOW });
    expect(await ledger.claimDue(runs, lease, 10)).toEqual(runs.slice(2));
    expect(await ledger.claimDue(runs, { ...lease, owner: "late", now: LATER, leaseUntil: "2026-08-04T09:15:00.000Z" }, 10)).toEqual([first, ...runs.slice(2)]);
    expect(await ledger.claimDue([], lease, 10)).toEqual([]);
    expect(await ledger.claimDue(runs, lease, 0)).toEqual([]);
  });
});

describe("DeliveryLedger on postgres: two instances racing for the same due channel-days", () => {
  const db = tempPg();
  let a: OpenPgDatabase;
  let b: OpenPgDatabase;
  beforeAll(async () => {
    a = await db.open();
    b = await db.open();
  });
  afterAll(() => db.cleanup());

  it("claims each channel-day once, and SKIP LOCKED splits the work between them", async () => {
    const runs = due(200);
    const ledgers = [createPgDeliveryLedger(a), createPgDeliveryLedger(b)];
    const lease = (owner: string) => ({ owner, leaseUntil: "2026-08-04T09:05:00.000Z", now: NOW });
    const claimedBy = await Promise.all(
      ledgers.map(async (ledger, i) => {
        const mine: string[] = [];
        // Each instance works through the due list a batch at a time, offering what it has not taken yet.
        for (;;) {
          const batch = await ledger.claimDue(runs.filter((r) => !mine.includes(r.conversation)), lease(`instance-${i}`), 10);
          if (batch.length === 0) break;
          mine.push(...batch.map((r) => r.conversation));
        }
        return mine;
      }),
    );
    const [first = [], second = []] = claimedBy;
    expect(first.filter((c) => second.includes(c))).toEqual([]);
    expect(new Set([...first, ...second]).size).toBe(200);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    const owners = await a.pool.query<{ owner: string; n: number }>("SELECT owner, count(*)::int AS n FROM digest_runs GROUP BY owner ORDER BY owner");
    expect(owners.rows).toEqual([
      { owner: "instance-0", n: first.length },
      { owner: "instance-1", n: second.length },
    ]);
  });
});

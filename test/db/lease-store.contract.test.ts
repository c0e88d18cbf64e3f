import { describe, expect, it } from "vitest";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

const T0 = "2026-12-01T09:00:00.000Z";
const T1 = "2026-12-01T09:01:00.000Z";
const T2 = "2026-12-01T09:02:00.000Z";
const T3 = "2026-12-01T09:03:00.000Z";

describe.each(STORE_DIALECTS)("lease store on %s", (dialect) => {
  const fixture = useStores(dialect);

  it("gives a free lease to the first holder and refuses others while it is live", async () => {
    const { leases } = fixture.stores;
    expect(await leases.get("ingest")).toBeNull();
    expect(await leases.acquire("ingest", "a", T0, T2)).toBe(true);
    expect(await leases.acquire("ingest", "b", T1, T3)).toBe(false);
    expect(await leases.get("ingest")).toEqual({ name: "ingest", holder: "a", acquiredAt: T0, expiresAt: T2 });
  });

  it("renews the holder's own lease without changing when it was taken", async () => {
    const { leases } = fixture.stores;
    await leases.acquire("ingest", "a", T0, T1);
    expect(await leases.acquire("ingest", "a", T1, T3)).toBe(true);
    expect(await leases.get("ingest")).toEqual({ name: "ingest", holder: "a", acquiredAt: T0, expiresAt: T3 });
  });

  it("lets another holder take an expired lease, from then on", async () => {
    const { leases } = fixture.stores;
    await leases.acquire("ingest", "a", T0, T1);
    expect(await leases.acquire("ingest", "b", T2, T3)).toBe(true);
    expect(await leases.get("ingest")).toEqual({ name: "ingest", holder: "b", acquiredAt: T2, expiresAt: T3 });
    expect(await leases.acquire("ingest", "a", T2, T3)).toBe(false);
  });

  it("releases only the holder's lease", async () => {
    const { leases } = fixture.stores;
    await leases.acquire("ingest", "a", T0, T3);
    expect(await leases.release("ingest", "b")).toBe(false);
    expect(await leases.release("ingest", "a")).toBe(true);
    expect(await leases.get("ingest")).toBeNull();
    expect(await leases.acquire("ingest", "b", T1, T2)).toBe(true);
    expect(await leases.release("missing", "a")).toBe(false);
  });

  it("lists leases by name prefix, taken literally", async () => {
    const { leases } = fixture.stores;
    await leases.acquire("discord-shard:1/2", "b", T0, T2);
    await leases.acquire("discord-shard:0/2", "a", T0, T2);
    await leases.acquire("discord-shard%", "x", T0, T2);
    await leases.acquire("ingest", "a", T0, T2);
    expect((await leases.list("discord-shard:")).map((l) => [l.name, l.holder])).toEqual([
      ["discord-shard:0/2", "a"],
      ["discord-shard:1/2", "b"],
    ]);
    expect(await leases.list("nothing")).toEqual([]);
  });

  it("gives a free lease to exactly one of many racing holders", async () => {
    const { leases } = fixture.stores;
    const holders = Array.from({ length: 12 }, (_, i) => `instance-${i}`);
    for (const round of ["r1", "r2", "r3"]) {
      const got = await Promise.all(holders.map((h) => leases.acquire(round, h, T0, T2)));
      expect(got.filter(Boolean)).toHaveLength(1);
      expect((await leases.get(round))?.holder).toBe(holders[got.indexOf(true)]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

const W0 = "2026-12-01T09:00:00.000Z";
const W1 = "2026-12-01T09:00:00.100Z";
const W2 = "2026-12-01T09:00:00.200Z";

describe.each(STORE_DIALECTS)("rate window store on %s", (dialect) => {
  const fixture = useStores(dialect);

  it("grants takes while the window has room, refuses the one that would pass the limit, and a refusal takes nothing", async () => {
    const { rateWindows } = fixture.stores;
    expect(await rateWindows.taken("discord:global", W0)).toBe(0);
    expect(await rateWindows.take("discord:global", W0, 3, 4)).toBe(true);
    expect(await rateWindows.take("discord:global", W0, 2, 4)).toBe(false);
    expect(await rateWindows.taken("discord:global", W0)).toBe(3);
    expect(await rateWindows.take("discord:global", W0, 1, 4)).toBe(true);
    expect(await rateWindows.take("discord:global", W0, 1, 4)).toBe(false);
    expect(await rateWindows.taken("discord:global", W0)).toBe(4);
  });

  it("counts each window and each bucket apart, and never grants more than the limit at once", async () => {
    const { rateWindows } = fixture.stores;
    await rateWindows.take("discord:global", W0, 4, 4);
    expect(await rateWindows.take("discord:global", W1, 4, 4)).toBe(true);
    expect(await rateWindows.take("slack:T1", W0, 1, 4)).toBe(true);
    expect(await rateWindows.take("discord:global", W2, 5, 4)).toBe(false);
    expect(await rateWindows.taken("discord:global", W2)).toBe(0);
    expect(await rateWindows.taken("slack:T1", W0)).toBe(1);
  });

  it("prunes windows that started before a time, in every bucket", async () => {
    const { rateWindows } = fixture.stores;
    await rateWindows.take("discord:global", W0, 1, 4);
    await rateWindows.take("slack:T1", W0, 1, 4);
    await rateWindows.take("discord:global", W1, 1, 4);
    await rateWindows.take("discord:global", W2, 1, 4);
    expect(await rateWindows.prune(W2)).toBe(3);
    expect(await rateWindows.taken("discord:global", W1)).toBe(0);
    expect(await rateWindows.taken("discord:global", W2)).toBe(1);
  });

  it("racing takers of one each, on a new window and on an existing one, get exactly the room left", async () => {
    const { rateWindows } = fixture.stores;
    await rateWindows.take("discord:global", W1, 2, 20);
    for (const [window, room] of [[W0, 20], [W1, 18]] as const) {
      const granted = await Promise.all(Array.from({ length: 60 }, () => rateWindows.take("discord:global", window, 1, 20)));
      expect(granted.filter(Boolean)).toHaveLength(room);
      expect(await rateWindows.taken("discord:global", window)).toBe(20);
    }
  });

  it("racing takers of mixed sizes together never pass the limit, and what was granted is what was counted", async () => {
    const { rateWindows } = fixture.stores;
    const sizes = Array.from({ length: 60 }, (_, i) => 1 + (i % 4));
    const granted = await Promise.all(sizes.map((n) => rateWindows.take("discord:global", W2, n, 21)));
    const sum = sizes.reduce((total, n, i) => total + (granted[i] ? n : 0), 0);
    expect(sum).toBeLessThanOrEqual(21);
    expect(await rateWindows.taken("discord:global", W2)).toBe(sum);
    expect(sum).toBeGreaterThan(0);
  });
});

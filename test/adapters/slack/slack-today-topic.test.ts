import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./slack-harness.js";

const MEMBER = { teamId: "T0001", channel: "C0PAPERS", user: "UMEMBER" };

describe.each(["socket", "http"] as const)("/papers today <topic> over %s", (mode) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(mode);
    h.fake.addChannel("C0PAPERS", { creator: "UCREATOR" });
    h.fake.addUser("UMEMBER");
  });
  afterEach(async () => h.close());

  it("reads a word without a date as the topic of the latest day", async () => {
    const { ack } = await h.transport.command(MEMBER, "today alignment");
    expect(ack.response_type).toBe("in_channel");
    const shown = JSON.stringify(ack.blocks);
    expect(shown).toContain("Papers for 2026-08-03 about alignment");
    expect(shown).toContain("Constitutional Midtraining");
  });

  it.each(["today 2026-07-31 memory", "today memory 2026-07-31"])("takes the date wherever it stands: %s", async (text) => {
    const { ack } = await h.transport.command(MEMBER, text);
    const shown = JSON.stringify(ack.blocks);
    expect(shown).toContain("Papers for 2026-07-31 about memory");
    expect(shown).toContain("Σ-Mem");
  });

  it("still refuses a malformed date with the date message", async () => {
    const { ack } = await h.transport.command(MEMBER, "today 2026-13-45 memory");
    expect(ack.response_type).toBe("ephemeral");
    expect(String(ack.text)).toBe("Dates are written YYYY-MM-DD, e.g. 2026-07-31. Usage: /papers today [date] [topic]");
  });
});

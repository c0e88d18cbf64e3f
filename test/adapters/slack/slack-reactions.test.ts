import { afterEach, describe, expect, it } from "vitest";
import { reactionEvent } from "../../fakes/slack/slack-payloads.js";
import { startHarness, waitFor, type Harness } from "./slack-harness.js";

const DAY = "2026-08-03";
const TEAM = "T0001";
const CONVERSATION = `slack:${TEAM}:C0AAA`;

async function firstPaper(h: Harness): Promise<{ ts: string; paperId: string }> {
  h.fake.addChannel("C0AAA");
  await h.app.core.deliveries.run([{ conversation: CONVERSATION, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "slack" }], new Map([["slack", h.adapter]]), { concurrency: 1 });
  const item = (await h.app.ports.ledger.run(CONVERSATION, DAY).items()).find((i) => i.paperId !== null)!;
  return { ts: item.messageRef!.split(":")[3]!, paperId: item.paperId! };
}

const votes = async (h: Harness, paperId: string) => (await h.app.ports.votes.counts({ conversation: CONVERSATION }, [paperId])).get(paperId) ?? 0;
const react = (h: Harness, user: string, reaction: string, ts: string, eventId: string, added = true) =>
  h.transport.event(reactionEvent({ teamId: TEAM, channel: "C0AAA", user }, added, reaction, ts, eventId));

describe("slack adapter: which reactions count as upvotes", () => {
  let h: Harness;
  afterEach(async () => h.close());

  it("+1::skin-tone-2 and thumbsup count like +1 (default config thumbsup); tada does not", async () => {
    h = await startHarness("socket");
    const { ts, paperId } = await firstPaper(h);
    await react(h, "UTADA", "tada", ts, "Ev1001");
    await react(h, "UTONE", "+1::skin-tone-2", ts, "Ev1002");
    await waitFor(async () => (await votes(h, paperId)) === 1);
    await react(h, "UALIAS", "thumbsup", ts, "Ev1003");
    await waitFor(async () => (await votes(h, paperId)) === 2);
    await react(h, "UTONE", "+1::skin-tone-2", ts, "Ev1004", false);
    await waitFor(async () => (await votes(h, paperId)) === 1);
    expect(await h.app.ports.votes.reactionVoters(CONVERSATION, paperId)).toEqual(["UALIAS"]);
  });

  it("with votes.emoji [\"❤️\"], Slack's heart reaction counts and +1 does not", async () => {
    h = await startHarness("http", {}, { config: { votes: { emoji: ["❤️"] } } });
    const { ts, paperId } = await firstPaper(h);
    await react(h, "UPLUS", "+1", ts, "Ev2001");
    await react(h, "UHEART", "heart", ts, "Ev2002");
    await waitFor(async () => (await votes(h, paperId)) === 1);
    expect(await h.app.ports.votes.reactionVoters(CONVERSATION, paperId)).toEqual(["UHEART"]);
  });

  it("the start-up reconcile counts skin-toned reactions too", async () => {
    h = await startHarness("socket");
    const { ts, paperId } = await firstPaper(h);
    await h.adapter.stop();
    h.fake.react("C0AAA", ts, "+1::skin-tone-4", "UDOWN");
    const adapter = await h.restart();
    expect(await adapter.reconciled).toMatchObject({ added: 1 });
    expect(await votes(h, paperId)).toBe(1);
  });
});

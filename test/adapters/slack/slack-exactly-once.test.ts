import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reactionEvent } from "../../fakes/slack/slack-payloads.js";
import { startHarness, waitFor, type Harness } from "./slack-harness.js";

const DAY = "2026-08-03";
const TEAM = "T0001";
const CONVERSATION = `slack:${TEAM}:C0AAA`;
const PAST = "2026-08-04T08:00:00.000Z";
const request = { conversation: CONVERSATION, digestDay: DAY, scheduledFor: null, late: false, owner: "test", cutoff: null, platform: "slack" };

describe("slack adapter: exactly once and one meaning per vote", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("socket");
    h.fake.addChannel("C0AAA");
  });
  afterEach(async () => h.close());

  const deliver = () => h.app.core.deliveries.run([request], new Map([["slack", h.adapter]]), { concurrency: 1 });
  const count = async (paperId: string) => (await h.app.ports.votes.counts({ conversation: CONVERSATION }, [paperId])).get(paperId) ?? 0;

  it("every digest post carries our metadata with its ledger item key", async () => {
    await deliver();
    const keys = [...h.fake.messages.values()].map((m) => m.metadata);
    expect(keys[0]).toEqual({ event_type: "papers_bot_digest_item", event_payload: { key: `${DAY}/header` } });
    expect(keys.every((m) => m?.event_type === "papers_bot_digest_item")).toBe(true);
  });

  it("without channels:history, an in-doubt post is not re-sent and /papers status names the scopes to add", async () => {
    const [dry] = await h.app.core.deliveries.run([{ ...request, dryRun: true }], new Map([["slack", h.adapter]]), { concurrency: 1 });
    if (dry?.outcome.kind !== "dry-run") throw new Error("no dry run");
    const block = dry.outcome.messages[1]!.blocks.find((b) => b.kind === "paper");
    if (block?.kind !== "paper") throw new Error("no paper");
    const run = h.app.ports.ledger.run(CONVERSATION, DAY);
    await run.claim({ owner: "dead", leaseUntil: PAST, scheduledFor: null, late: false, now: PAST });
    await run.claimItem({ itemKey: "header", paperId: null, now: PAST });
    await run.markSent("header", `${CONVERSATION}:1780000000.000001`, PAST);
    await run.claimItem({ itemKey: `paper:${block.paper.id}`, paperId: block.paper.id, now: PAST });
    h.fake.switches.noHistory.add("C0AAA");
    const [result] = await deliver();
    expect(result!.outcome).toEqual({ kind: "sent", papers: 2 });
    const { ack } = await h.transport.command({ teamId: TEAM, channel: "C0AAA", user: "UMEMBER" }, "status");
    expect(JSON.stringify(ack)).toContain("1 in doubt after a crash, not re-sent (cannot look them up: add the bot scopes channels:history and groups:history");
  });

  it("thumbsup and arrow_up, then arrow_up removed: the vote stays, live and after a restart", async () => {
    await deliver();
    const item = (await h.app.ports.ledger.run(CONVERSATION, DAY).items()).find((i) => i.paperId !== null)!;
    const ts = item.messageRef!.split(":")[3]!;
    const paperId = item.paperId!;
    const react = async (reaction: string, added: boolean, eventId: string) => {
      h.fake.react("C0AAA", ts, reaction, "UBOB", added);
      await h.transport.event(reactionEvent({ teamId: TEAM, channel: "C0AAA", user: "UBOB" }, added, reaction, ts, eventId));
    };
    await react("thumbsup", true, "Ev1");
    await react("arrow_up", true, "Ev2");
    await waitFor(async () => (await count(paperId)) === 1);
    await react("arrow_up", false, "Ev3");
    await new Promise((r) => setTimeout(r, 100));
    expect(await count(paperId)).toBe(1);
    const adapter = await h.restart();
    await adapter.reconciled;
    expect(await count(paperId)).toBe(1);
    await react("thumbsup", false, "Ev4");
    await waitFor(async () => (await count(paperId)) === 0);
    const again = await h.restart();
    await again.reconciled;
    expect(await count(paperId)).toBe(0);
  });
});

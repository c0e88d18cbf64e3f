import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatAdapter } from "../../../src/core/chat/chat-adapter.js";
import type { createTestApp } from "../../helpers/test-app.js";

/** What the asker saw of one reply. */
export interface ContractReply {
  /** Everything shown, as plain text (markup escapes and zero-width spaces removed). */
  text: string;
  /** Only the asker sees it (null where the platform has no such thing: the shell). */
  ephemeral: boolean | null;
}

/** Who acts: a channel member, or someone with the platform's channel-manager right. */
export type Role = "member" | "manager";

/** Drives one adapter over its real platform client (or the shell's streams) for the shared transcript. */
export interface ContractDriver {
  /** The real app the adapter was started with (real SQLite, real core). */
  app: ReturnType<typeof createTestApp>;
  /** The conversation reference the transcript happens in. */
  conversation: string;
  /** The adapter under test, for the digest's posts. */
  adapter: Pick<ChatAdapter, "platform" | "send" | "limits">;
  /** Whether the platform has buttons and reactions (the shell has neither). */
  capabilities: { buttons: boolean; reactions: boolean };
  /** Runs `/papers <name>` with its options (in order; platforms with typed options send them typed, others as text). */
  command(name: string, options: [string, string][], as: Role): Promise<ContractReply>;
  /** Presses a button of the bot's paper message `messageRef`. */
  press(messageRef: string, action: string, value: string): Promise<ContractReply>;
  /** Adds or removes the member's 👍 on `messageRef`; resolves once the platform delivered the event. */
  react(messageRef: string, added: boolean): Promise<void>;
  /** Messages the bot has posted to the conversation so far (digest posts and thread answers). */
  posted(): number;
  /** Stops the adapter and its platform. */
  close(): Promise<void>;
}

/** Markup-neutral text: escapes, zero-width spaces and runs of whitespace removed, for comparing replies across platforms. */
export function plainText(text: string): string {
  return text.replace(/\\([\\`*_~|>#\-.()[\]])/g, "$1").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
}

/** Polls `check` until it passes or `ms` elapse. */
async function eventually(check: () => Promise<void>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** The first paper of 2026-08-03 (the latest fixture day), upvoted by command in the transcript. */
const PAPER = "2607.28229";
const DAY = "2026-08-03";

/**
 * The adapter contract: one transcript of commands, buttons and reactions that every adapter
 * (Discord over the fake gateway, Slack over Socket Mode and HTTP, the shell) must answer
 * with the same replies, votes and posts. Each adapter's test file calls it with its driver.
 */
export function runAdapterContract(name: string, start: () => Promise<ContractDriver>): void {
  describe(`adapter contract: ${name}`, () => {
    let d: ContractDriver;
    let papers: { paperId: string; messageRef: string }[] = [];
    const votes = async (paperId: string) => (await d.app.ports.votes.counts({ conversation: d.conversation }, [paperId])).get(paperId) ?? 0;
    beforeAll(async () => {
      d = await start();
    });
    afterAll(async () => d.close());

    it("help lists every command, privately", async () => {
      const reply = await d.command("help", [], "member");
      for (const command of ["today", "search", "summary", "subscribe", "upvote", "help"]) expect(reply.text).toContain(`/papers ${command}`);
      if (reply.ephemeral !== null) expect(reply.ephemeral).toBe(true);
    });

    it("today lists the latest day's papers for the whole channel", async () => {
      const reply = await d.command("today", [], "member");
      expect(reply.text).toContain(`Papers for ${DAY}`);
      expect(reply.text).toContain(PAPER);
      if (reply.ephemeral !== null) expect(reply.ephemeral).toBe(false);
    });

    it("an unknown command is refused privately, saying what to do next", async () => {
      const reply = await d.command("frobnicate", [], "member");
      expect(reply.text).toContain("There is no /papers frobnicate command");
      expect(reply.text).toContain("/papers help");
      if (reply.ephemeral !== null) expect(reply.ephemeral).toBe(true);
    });

    it("a manager subscribes the channel to a topic", async () => {
      const reply = await d.command("subscribe", [["topic", "agents"]], "manager");
      expect(reply.text).toContain("Subscribed this channel to agents.");
      expect((await d.app.ports.subscriptions.list(d.conversation)).map((s) => s.topic)).toEqual(["agents"]);
    });

    it("an upvote by command counts once per person", async () => {
      expect((await d.command("upvote", [["paper", PAPER]], "member")).text).toContain("Upvoted");
      expect((await d.command("upvote", [["paper", PAPER]], "member")).text).toContain("it counts once");
      expect(await votes(PAPER)).toBe(1);
    });

    it("the daily post goes out as a header and one message per paper, each mapped to its paper", async () => {
      const before = d.posted();
      const [result] = await d.app.core.deliveries.run(
        [{ conversation: d.conversation, platform: d.adapter.platform, digestDay: DAY, scheduledFor: null, late: false, owner: "contract", cutoff: null }],
        new Map([[d.adapter.platform, d.adapter]]),
        { concurrency: 1 },
      );
      expect(result!.outcome).toEqual({ kind: "sent", papers: 3 });
      const items = await d.app.ports.ledger.run(d.conversation, DAY).items();
      expect(items.map((i) => i.itemKey)).toEqual(["header", ...items.slice(1).map((i) => `paper:${i.paperId}`)]);
      expect(items.every((i) => i.status === "sent" && i.messageRef)).toBe(true);
      expect(d.posted() - before).toBe(4);
      papers = items.flatMap((i) => (i.paperId && i.messageRef ? [{ paperId: i.paperId, messageRef: i.messageRef }] : []));
      expect(papers).toHaveLength(3);
    });

    it("the Upvote button on a posted paper counts the presser's vote and answers privately", async () => {
      if (!d.capabilities.buttons) return;
      const target = papers.find((p) => p.paperId !== PAPER)!;
      const reply = await d.press(target.messageRef, "upvote", target.paperId);
      expect(reply.text).toContain("Upvoted");
      expect(reply.ephemeral).toBe(true);
      expect(await votes(target.paperId)).toBe(1);
    });

    it("a 👍 on a posted paper is a vote, and taking it back removes it", async () => {
      if (!d.capabilities.reactions) return;
      const target = papers.filter((p) => p.paperId !== PAPER)[1]!;
      const before = await votes(target.paperId);
      await d.react(target.messageRef, true);
      await eventually(async () => expect(await votes(target.paperId)).toBe(before + 1));
      await d.react(target.messageRef, false);
      await eventually(async () => expect(await votes(target.paperId)).toBe(before));
    });
  });
}

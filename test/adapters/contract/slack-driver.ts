import { buttonPress, reactionEvent } from "../../fakes/slack/slack-payloads.js";
import { startHarness } from "../slack/slack-harness.js";
import { plainText, type ContractDriver, type ContractReply } from "./run-contract.js";

const TEAM = "T0001";
const CHANNEL = "C0PAPERS";
const MEMBER = { teamId: TEAM, channel: CHANNEL, user: "UMEMBER" };
const MANAGER = { teamId: TEAM, channel: CHANNEL, user: "UADMIN" };

/** Every `text` field of a Slack payload (fallback, sections, contexts, headers), in order, as plain text. */
function shown(payload: Record<string, unknown>): string {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "text" && typeof inner === "string") texts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(payload);
  return plainText(texts.join("\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

const replyOf = (payload: Record<string, unknown>): ContractReply => ({ text: shown(payload), ephemeral: payload.response_type === "ephemeral" });

/** The contract driver for Slack: the real adapter (Bolt) against the local fake Slack, over Socket Mode or HTTP. */
export async function startSlackDriver(mode: "socket" | "http"): Promise<ContractDriver> {
  const h = await startHarness(mode);
  h.fake.addChannel(CHANNEL);
  h.fake.addUser("UADMIN", { admin: true });
  h.fake.addUser("UMEMBER");
  let events = 0;
  const tsOf = (messageRef: string) => messageRef.split(":")[3]!;
  return {
    app: h.app,
    conversation: `slack:${TEAM}:${CHANNEL}`,
    get adapter() {
      return h.adapter;
    },
    capabilities: { buttons: true, reactions: true },
    async command(name, options, as) {
      const before = h.fake.responses.length;
      const { ack } = await h.transport.command(as === "manager" ? MANAGER : MEMBER, [name, ...options.map(([, value]) => value)].join(" "));
      if (Object.keys(ack).length > 0) return replyOf(ack);
      return replyOf((await h.responses(before + 1))[before]!);
    },
    async press(messageRef, action, value) {
      const before = h.fake.responses.length;
      await h.transport.interact(buttonPress(MEMBER, `papers_${action}`, value, tsOf(messageRef), h.fake.responseUrl()));
      return replyOf((await h.responses(before + 1))[before]!);
    },
    async react(messageRef, added) {
      events += 1;
      await h.transport.event(reactionEvent(MEMBER, added, "+1", tsOf(messageRef), `EvContract${events}`));
    },
    posted: () => h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === CHANNEL).length,
    close: () => h.close(),
  };
}


import { apiMessage } from "../../fakes/discord/fake-objects.js";
import { MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, buttonInteraction, reactionPacket } from "../../fakes/discord/gateway-payloads.js";
import type { RecordedRequest } from "../../fakes/discord/fake-discord.js";
import { runSlash, startHarness, waitForRequest, type Harness } from "../discord/discord-harness.js";
import { plainText, type ContractDriver, type ContractReply } from "./run-contract.js";

/** Discord's ephemeral message flag. */
const EPHEMERAL = 64;

type Payload = { content?: string; flags?: number; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[] };

/** What a payload shows, as plain text. */
function shown(data: Payload | undefined): string {
  const embeds = (data?.embeds ?? []).flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? ""]);
  return plainText([data?.content ?? "", ...embeds].join("\n"));
}

/** The answer to an interaction: the callback itself (type 4), or the deferred answer's edit or follow-up. */
async function answerOf(h: Harness, callback: RecordedRequest, token: string): Promise<ContractReply> {
  const body = callback.body as { type: number; data?: Payload };
  if (body.type === 4) return { text: [shown(body.data), ...(await followUps(h, token))].join("\n"), ephemeral: ((body.data?.flags ?? 0) & EPHEMERAL) !== 0 };
  const later = await waitForRequest(h.fake, (r) => r.path.includes(`/webhooks/`) && r.path.includes(`/${token}`) && r.method !== "DELETE" && r.status < 300);
  const data = later.body as Payload;
  return { text: [shown(data), ...(await followUps(h, token, later))].join("\n"), ephemeral: ((data.flags ?? 0) & EPHEMERAL) !== 0 };
}

/** The rest of a reply too long for one Discord message: the adapter posts it as follow-ups (POST /webhooks/{app}/{token}), which the user sees below the answer. */
async function followUps(h: Harness, token: string, except?: RecordedRequest): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return h.fake.requests
    .filter((r) => r !== except && r.method === "POST" && r.path.includes("/webhooks/") && r.path.endsWith(`/${token}`) && r.status < 300)
    .map((r) => shown(r.body as Payload));
}

/** The contract driver for Discord: the real adapter (discord.js) against the local fake gateway and REST. */
export async function startDiscordDriver(): Promise<ContractDriver> {
  const h = await startHarness();
  const channelId = h.channels[0]!;
  const place = { guildId: h.guildId, channelId };
  return {
    app: h.app,
    conversation: `discord:${h.guildId}:${channelId}`,
    adapter: h.adapter,
    capabilities: { buttons: true, reactions: true },
    async command(name, options, as) {
      const typed = options.map(([option, value]) => ({ name: option, type: 3, value }));
      const { callback, token } = await runSlash(h, name, typed, { permissions: as === "manager" ? MANAGER_PERMISSIONS : MEMBER_PERMISSIONS });
      return answerOf(h, callback, token);
    },
    async press(messageRef, action, value) {
      const message = h.fake.messages.get(messageRef.split(":")[3]!)!;
      const payload = buttonInteraction({ place, user: h.alice, applicationId: h.fake.applicationId, customId: `papers:${action}:${value}`, message: apiMessage(message) });
      h.fake.gateway.dispatch("INTERACTION_CREATE", payload);
      const token = String(payload.token);
      return answerOf(h, await waitForRequest(h.fake, (r) => r.path.includes(`/${token}/callback`)), token);
    },
    async react(messageRef, added) {
      const messageId = messageRef.split(":")[3]!;
      h.fake.gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", reactionPacket({ guildId: h.guildId, channelId, messageId, user: h.alice, emoji: "👍", added }));
    },
    posted: () => h.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages` && r.status < 300).length,
    close: () => h.close(),
  };
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAdapterContract } from "../contract/run-contract.js";
import { startSlackDriver } from "../contract/slack-driver.js";
import { SECRETS, startHarness, waitFor, type Harness } from "./slack-harness.js";

const ADMIN = { teamId: "T0001", channel: "C0PAPERS", user: "UADMIN" };
const MEMBER = { teamId: "T0001", channel: "C0PAPERS", user: "UMEMBER" };
const CREATOR = { teamId: "T0001", channel: "C0PAPERS", user: "UCREATOR" };

describe.each(["socket", "http"] as const)("/papers over %s", (mode) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(mode);
    h.fake.addChannel("C0PAPERS", { creator: "UCREATOR" });
    h.fake.addUser("UADMIN", { admin: true });
    h.fake.addUser("UMEMBER");
    h.fake.addUser("UCREATOR");
  });
  afterEach(async () => {
    await h.close();
    for (const line of h.logs) {
      for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);
    }
  });

  it("answers help, and an empty /papers, ephemerally with every subcommand", async () => {
    for (const text of ["help", "", "   "]) {
      const { status, ack } = await h.transport.command(MEMBER, text);
      expect(status).toBe(200);
      expect(ack.response_type).toBe("ephemeral");
      const shown = JSON.stringify(ack.blocks);
      for (const name of ["today", "search", "summary", "subscribe", "unsubscribe", "topics", "upvote", "top", "help"]) expect(shown).toContain(`/papers ${name}`);
      expect(String(ack.text)).toContain("/papers today");
    }
  });

  it("posts today's listing in the channel as Block Kit with title links and thumbnails", async () => {
    const { ack } = await h.transport.command(MEMBER, "today");
    expect(ack.response_type).toBe("in_channel");
    const blocks = ack.blocks as { type: string; text?: { text: string }; accessory?: { type: string } }[];
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "Papers for 2026-08-03" } });
    const sections = blocks.filter((b) => b.type === "section");
    expect(sections).toHaveLength(3);
    expect(sections[0]!.text!.text).toMatch(/^1\. EMBL AI Librarian/);
    expect(JSON.stringify(blocks[blocks.indexOf(sections[0]!) + 1])).toContain("<https://huggingface.co/papers/2607.28229|Paper page>");
    expect(String(ack.text)).toContain("Papers for 2026-08-03");
  });

  it("lists another day and keeps a quoted topic whole", async () => {
    const { ack } = await h.transport.command(MEMBER, 'today 2026-07-31 "token compression"');
    expect(ack.response_type).toBe("in_channel");
    const text = JSON.stringify(ack.blocks);
    expect(text).toContain("Papers for 2026-07-31 about");
    expect(text).toContain("OmniScope");
  });

  it("searches publicly", async () => {
    const { ack } = await h.transport.command(MEMBER, '"mixture-of-experts"');
    expect(ack.response_type).toBe("ephemeral");
    const search = await h.transport.command(MEMBER, "search sparse mixture");
    expect(search.ack.response_type).toBe("in_channel");
    expect(JSON.stringify(search.ack.blocks)).toContain("Coherent Overlap in Sparse Mixture-of-Experts");
  });

  it("acks summary (a slow command) at once, then answers in the channel through response_url", async () => {
    const { ack } = await h.transport.command(MEMBER, "summary 2607.23193");
    expect(ack).toMatchObject({ response_type: "ephemeral", text: "Working on it…" });
    const [reply] = await h.responses(1);
    expect(reply!.response_type).toBe("in_channel");
    expect(JSON.stringify(reply!.blocks)).toContain("OmniScope");
  });

  it("lets an admin and the channel creator subscribe, list and unsubscribe, ephemerally", async () => {
    const sub = await h.transport.command(ADMIN, 'subscribe "token compression" OR diffusion');
    expect(sub.ack.response_type).toBe("ephemeral");
    expect(String(sub.ack.text)).toContain('Subscribed this channel to "token compression" OR diffusion');
    const byCreator = await h.transport.command(CREATOR, "subscribe tokenization");
    expect(String(byCreator.ack.text)).toContain("Subscribed this channel to tokenization");
    const topics = await h.transport.command(MEMBER, "topics");
    expect(JSON.stringify(topics.ack)).toContain("tokenization");
    const unsub = await h.transport.command(CREATOR, "unsubscribe tokenization");
    expect(unsub.ack.response_type).toBe("ephemeral");
    expect((await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).map((s) => s.topic)).toEqual(['"token compression" OR diffusion']);
    expect(h.fake.callsTo("users.info").length).toBeGreaterThan(0);
    expect(h.fake.callsTo("conversations.info").length).toBeGreaterThan(0);
  });

  it("refuses subscribe to a member who is neither admin nor creator, saying who may", async () => {
    const { ack } = await h.transport.command(MEMBER, "subscribe tokenization");
    expect(ack.response_type).toBe("ephemeral");
    expect(String(ack.text)).toMatch(/Only the channel's creator or a workspace admin or owner can use \/papers subscribe/);
    expect(await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).toEqual([]);
  });

  it("shows /papers settings to a member who is neither admin nor creator, but refuses changing one, saying who may", async () => {
    const shown = await h.transport.command(MEMBER, "settings");
    expect(shown.ack.response_type).toBe("ephemeral");
    expect(JSON.stringify(shown.ack.blocks)).toMatch(/Schedule: .*Settings: /);
    const refused = await h.transport.command(MEMBER, "settings max 3");
    expect(String(refused.ack.text)).toMatch(/^Only the channel's creator or a workspace admin or owner can change \/papers settings: .* Anyone can see the current values with \/papers settings\.$/);
    expect(await h.app.ports.channelSettings.get("slack:T0001:C0PAPERS")).toBeNull();
  });

  it("refuses when the rights check itself fails (unknown user), rather than allowing", async () => {
    const { ack } = await h.transport.command({ ...MEMBER, user: "UGHOST" }, "subscribe tokenization");
    expect(String(ack.text)).toMatch(/Only the channel's creator or a workspace admin or owner/);
    expect(await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).toEqual([]);
  });

  it("schedules, changes settings, pauses and resumes for managers, and shows status to anyone", async () => {
    const schedule = await h.transport.command(ADMIN, "schedule 09:00 Europe/Paris mon-fri");
    expect(schedule.ack.response_type).toBe("ephemeral");
    expect(JSON.stringify(schedule.ack)).toContain("09:00");
    const settings = await h.transport.command(CREATOR, "settings max 5");
    expect(settings.ack.response_type).toBe("ephemeral");
    expect(await h.app.ports.channelSettings.get("slack:T0001:C0PAPERS")).toMatchObject({ postTime: "09:00", timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], maxPapers: 5 });
    expect((await h.transport.command(ADMIN, "pause")).ack.response_type).toBe("ephemeral");
    expect((await h.app.ports.channelSettings.get("slack:T0001:C0PAPERS"))!.paused).toBe(true);
    const status = await h.transport.command(MEMBER, "status");
    expect(JSON.stringify(status.ack)).toMatch(/paused/i);
    await h.transport.command(ADMIN, "resume");
    expect((await h.app.ports.channelSettings.get("slack:T0001:C0PAPERS"))!.paused).toBe(false);
    const refused = await h.transport.command(MEMBER, "schedule 10:00");
    expect(String(refused.ack.text)).toMatch(/Only the channel's creator or a workspace admin or owner can use \/papers schedule/);
    expect((await h.app.ports.channelSettings.get("slack:T0001:C0PAPERS"))!.postTime).toBe("09:00");
  });

  it("counts an upvote once per person and shows it in top", async () => {
    const first = await h.transport.command(MEMBER, "upvote 2607.23193");
    expect(String(first.ack.text)).toContain('Upvoted "OmniScope');
    const again = await h.transport.command(MEMBER, "upvote https://arxiv.org/abs/2607.23193");
    expect(String(again.ack.text)).toContain("counts once");
    const top = await h.transport.command(MEMBER, "top week");
    expect(JSON.stringify(top.ack)).toContain("OmniScope");
  });

  it("answers unknown subcommands, unbalanced quotes and 4,000+ characters with one ephemeral line", async () => {
    const unknown = await h.transport.command(MEMBER, "frobnicate now");
    expect(unknown.ack).toMatchObject({ response_type: "ephemeral" });
    expect(String(unknown.ack.text)).toContain("There is no /papers frobnicate command");
    const unbalanced = await h.transport.command(MEMBER, 'search "sparse mixture');
    expect(unbalanced.status).toBe(200);
    expect(JSON.stringify(unbalanced.ack)).not.toMatch(/went wrong/);
    const huge = await h.transport.command(MEMBER, `search ${"memory ".repeat(700)}`);
    expect(huge.ack.response_type).toBe("ephemeral");
    expect(String(huge.ack.text)).toMatch(/commands take at most 4000/);
    const after = await h.transport.command(MEMBER, "help");
    expect(after.ack.response_type).toBe("ephemeral");
  });

  it("passes &, < and > in command text to the core as typed", async () => {
    const { ack } = await h.transport.command(ADMIN, "subscribe R&amp;D");
    expect(String(ack.text)).toContain("Subscribed this channel to R&amp;D");
    expect((await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).map((s) => s.topic)).toEqual(["R&D"]);
  });

  it("answers through response_url when the core is slower than the ack deadline", async () => {
    await h.close();
    h = await startHarness(mode, { ackDeadlineMs: 20 }, { startAdapter: false });
    const core = h.app.core;
    await h.adapter.start({
      ...core,
      async handle(event) {
        await new Promise((r) => setTimeout(r, 200));
        return core.handle(event);
      },
    });
    const { ack } = await h.transport.command(MEMBER, "today");
    expect(ack).toEqual({});
    const [reply] = await h.responses(1);
    expect(reply!.response_type).toBe("in_channel");
    await waitFor(() => h.fake.responses.length === 1);
  });
});

runAdapterContract("Slack over Socket Mode (Bolt against the local fake)", () => startSlackDriver("socket"));
runAdapterContract("Slack over HTTP (Bolt's signed Request URL against the local fake)", () => startSlackDriver("http"));

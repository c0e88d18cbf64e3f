import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SendError } from "../../../src/core/chat/chat-adapter.js";
import type { InstallationStore } from "../../../src/core/installations/installation-store.js";
import { createPgStoresOver } from "../../../src/db/pg/create-pg-stores.js";
import { formBody, reactionEvent, signedPost, slashCommand, tokensRevokedEvent, uninstallEvent } from "../../fakes/slack/slack-payloads.js";
import { tempPg } from "../../helpers/temp-pg.js";
import { SECRETS, waitFor } from "./slack-harness.js";
import { DAY, install, newKey, OAUTH, startOAuthHarness, type OAuthHarness } from "./slack-oauth-harness.js";

const hello = { blocks: [{ kind: "text" as const, text: "hi" }], fallbackText: "hi" };

describe.each(["sqlite", "postgres"] as const)("Slack OAuth install flow, installs on %s", (dialect) => {
  const pg = tempPg();
  let pgStore: InstallationStore | null = null;
  let h: OAuthHarness;
  beforeAll(async () => {
    if (dialect === "postgres") pgStore = createPgStoresOver(await pg.open()).installations;
  });
  afterAll(() => pg.cleanup());
  beforeEach(async () => {
    h = await startOAuthHarness();
  });
  afterEach(async () => {
    for (const i of (await (pgStore ?? h.app.installations).list())) await (pgStore ?? h.app.installations).delete(i.installKey);
    await h.close();
  });

  it("GET /slack/install redirects to Slack's authorize page with a state; the redirect exchanges the code, seals the install and says what to do next", async () => {
    const adapter = await h.start({ installations: pgStore ?? undefined });
    const run = await install(h.origin(adapter), h.fake, "T0AAA", { teamName: "Lab A" });
    expect(`${run.authorizeUrl.origin}${run.authorizeUrl.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(run.authorizeUrl.searchParams.get("client_id")).toBe(OAUTH.clientId);
    expect(run.authorizeUrl.searchParams.get("scope")?.split(",")).toEqual(expect.arrayContaining(["commands", "chat:write", "reactions:read", "channels:history"]));
    expect(run.authorizeUrl.searchParams.get("state")).toMatch(/.{20,}/);
    expect(run.status).toBe(200);
    expect(run.page).toContain("Papers Bot is now installed in <strong>Lab A</strong>");
    expect(run.page).toContain("/papers help");
    expect(h.fake.callsTo("oauth.v2.access")).toHaveLength(1);

    const token = [...h.fake.workspaces.issued.values()].find((i) => i.teamId === "T0AAA")!.token;
    const row = await (pgStore ?? h.app.installations).find("T0AAA");
    expect(row).toMatchObject({ installKey: "T0AAA", teamId: "T0AAA", enterpriseId: null });
    expect(row!.sealed).not.toContain(token);
    expect(row!.sealed).not.toMatch(/xoxb|T0AAA|Lab A/);
    expect((await adapter.installations!.forTeam("T0AAA"))?.bot?.token).toBe(token);
    expect(h.logs.join("\n")).not.toContain(token);
    expect(h.logs.join("\n")).toContain("Slack workspace installed");
  });

  it("refuses a forged state, a missing state and a state from another browser, and stores nothing", async () => {
    const adapter = await h.start({ installations: pgStore ?? undefined });
    const forged = await install(h.origin(adapter), h.fake, "T0AAA", {}, { state: "forged-state", cookie: "slack-app-oauth-state=forged-state" });
    const missing = await install(h.origin(adapter), h.fake, "T0AAA", {}, { state: null });
    const otherBrowser = await install(h.origin(adapter), h.fake, "T0AAA", {}, { cookie: null });
    for (const run of [forged, missing, otherBrowser]) {
      expect(run.status).toBe(400);
      expect(run.page).toContain("This install link has expired or was opened in another browser. Start again at <a href=\"/slack/install\">");
    }
    expect(h.fake.callsTo("oauth.v2.access")).toHaveLength(0);
    expect(await (pgStore ?? h.app.installations).list()).toEqual([]);
  });

  it("a code Slack refuses shows why and stores nothing", async () => {
    const adapter = await h.start({ installations: pgStore ?? undefined });
    const run = await install(h.origin(adapter), h.fake, "T0AAA", {}, { code: "not-a-code" });
    expect(run.status).toBe(502);
    expect(run.page).toContain("Slack did not complete the install (Slack said invalid_code)");
    expect(await (pgStore ?? h.app.installations).list()).toEqual([]);
  });
});

describe("Slack OAuth: many workspaces, each with its own token", () => {
  let h: OAuthHarness;
  beforeEach(async () => {
    h = await startOAuthHarness();
    h.fake.addChannel("C0AAA", { team: "T0AAA" });
    h.fake.addChannel("C0BBB", { team: "T0BBB" });
  });
  afterEach(() => h.close());

  it("a scheduled post to two workspaces uses each workspace's token; commands and reactions there are authorized from the store", async () => {
    const adapter = await h.start();
    for (const team of ["T0AAA", "T0BBB"]) expect((await install(h.origin(adapter), h.fake, team)).status).toBe(200);
    const results = await h.deliver(adapter, ["slack:T0AAA:C0AAA", "slack:T0BBB:C0BBB"]);
    expect(results.map((r) => r.outcome)).toEqual([{ kind: "sent", papers: 3 }, { kind: "sent", papers: 3 }]);
    const a = h.fake.postsBy("T0AAA");
    const b = h.fake.postsBy("T0BBB");
    expect(a.map((c) => c.params.channel)).toEqual(["C0AAA", "C0AAA", "C0AAA", "C0AAA"]);
    expect(b.map((c) => c.params.channel)).toEqual(["C0BBB", "C0BBB", "C0BBB", "C0BBB"]);
    expect(new Set(a.map((c) => c.auth)).size).toBe(1);
    expect(a[0]!.auth).not.toBe(b[0]!.auth);

    const ack = await signedPost(adapter.requestUrl()!, formBody(slashCommand({ teamId: "T0BBB", channel: "C0BBB", user: "U0BOB" }, "help", h.fake.responseUrl())), "form", { secret: SECRETS.signingSecret });
    expect(ack.text).toContain("/papers today");

    const [item] = (await h.app.ports.ledger.run("slack:T0BBB:C0BBB", DAY).items()).filter((i) => i.paperId);
    const ts = item!.messageRef!.split(":")[3]!;
    const votes = async () => (await h.app.ports.votes.counts({ conversation: "slack:T0BBB:C0BBB" }, [item!.paperId!])).get(item!.paperId!) ?? 0;
    await h.event(adapter, reactionEvent({ teamId: "T0BBB", channel: "C0BBB", user: "UBOTT0BBB" }, true, "+1", ts, "Ev0B01"));
    await h.event(adapter, reactionEvent({ teamId: "T0BBB", channel: "C0BBB", user: "U0BOB" }, true, "+1", ts, "Ev0B02"));
    await waitFor(async () => (await votes()) === 1);
    expect(await h.app.ports.votes.reactionVoters("slack:T0BBB:C0BBB", item!.paperId!)).toEqual(["U0BOB"]);
  });

  it("the start-up reconcile reads each installed workspace's reactions with its own token, and skips a workspace no longer installed", async () => {
    const first = await h.start();
    for (const team of ["T0AAA", "T0BBB"]) await install(h.origin(first), h.fake, team);
    await h.deliver(first, ["slack:T0AAA:C0AAA", "slack:T0BBB:C0BBB"]);
    const paperOf = async (conversation: string) => (await h.app.ports.ledger.run(conversation, DAY).items()).filter((i) => i.paperId)[0]!;
    const a = await paperOf("slack:T0AAA:C0AAA");
    const b = await paperOf("slack:T0BBB:C0BBB");
    h.fake.react("C0AAA", a.messageRef!.split(":")[3]!, "+1", "U0ALICE");
    h.fake.react("C0AAA", a.messageRef!.split(":")[3]!, "+1", "UBOTT0AAA");
    h.fake.react("C0BBB", b.messageRef!.split(":")[3]!, "+1", "U0BOB");
    await h.app.installations.delete("T0BBB");
    const second = await h.start();
    expect(await second.reconciled).toMatchObject({ added: 1 });
    expect(await h.app.ports.votes.reactionVoters("slack:T0AAA:C0AAA", a.paperId!)).toEqual(["U0ALICE"]);
    expect(await h.app.ports.votes.reactionVoters("slack:T0BBB:C0BBB", b.paperId!)).toEqual([]);
    const reads = h.fake.callsTo("reactions.get").map((c) => h.fake.workspaces.teamOf(c.auth));
    expect(new Set(reads)).toEqual(new Set(["T0AAA"]));
  });

  it("an org-wide (Enterprise Grid) install is keyed by its enterprise and serves scheduled posts to the org's workspaces", async () => {
    h.fake.addChannel("C0ORG1", { team: "T0ORG1" });
    const adapter = await h.start();
    const run = await install(h.origin(adapter), h.fake, "E0ORG", { orgWide: true, enterpriseId: "E0ORG", orgTeams: ["T0ORG1", "T0ORG2"] });
    expect(run.page).toContain("installed in <strong>Org E0ORG</strong>");
    expect(await h.app.installations.find("E0ORG")).toMatchObject({ teamId: null, enterpriseId: "E0ORG" });
    const [org, outside] = await h.deliver(adapter, ["slack:T0ORG1:C0ORG1", "slack:T0AAA:C0AAA"]);
    expect(org!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect(outside!.outcome).toEqual({ kind: "failed", reason: "not_installed", permanent: true });
    expect(h.fake.postsBy("E0ORG").map((c) => c.params.channel)).toEqual(["C0ORG1", "C0ORG1", "C0ORG1", "C0ORG1"]);
    const body = { ...uninstallEvent("T0ORG1", "EvU0ORG"), enterprise_id: "E0ORG", is_enterprise_install: true };
    await h.event(adapter, body);
    await waitFor(async () => (await h.app.installations.find("E0ORG")) === null);
    await expect(adapter.send("slack:T0ORG1:C0ORG1", hello)).rejects.toMatchObject({ reason: "not_installed" });
  });

  it("app_uninstalled removes the install, and a later post fails with the reason and the fix, not a crash", async () => {
    const adapter = await h.start();
    await install(h.origin(adapter), h.fake, "T0AAA");
    await install(h.origin(adapter), h.fake, "T0BBB");
    h.fake.workspaces.revoke("T0AAA");
    expect((await h.event(adapter, uninstallEvent("T0AAA", "EvU001"))).status).toBe(200);
    await waitFor(async () => (await h.app.installations.find("T0AAA")) === null);
    expect(h.logs.some((l) => l.includes("removed the Slack install") && l.includes("T0AAA"))).toBe(true);
    const error = await adapter.send("slack:T0AAA:C0AAA", hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject({ permanent: true, reason: "not_installed", message: "the bot is not installed in workspace T0AAA; reinstall it at /slack/install" });
    const [gone, kept] = await h.deliver(adapter, ["slack:T0AAA:C0AAA", "slack:T0BBB:C0BBB"]);
    expect(gone!.outcome).toEqual({ kind: "failed", reason: "not_installed", permanent: true });
    expect(kept!.outcome).toEqual({ kind: "sent", papers: 3 });
    expect((await h.app.ports.channelSettings.get("slack:T0AAA:C0AAA"))?.lastError).toContain("reinstall it at /slack/install");
    expect(await adapter.lookUp!({ conversation: "slack:T0AAA:C0AAA", dedupeKey: "k", message: hello, since: "2026-08-04T09:00:00Z" })).toEqual({ kind: "unavailable", fix: "the bot is not installed in workspace T0AAA; reinstall it at /slack/install" });
  });

  it("tokens_revoked for the bot removes the install; one for users only keeps it", async () => {
    const adapter = await h.start();
    await install(h.origin(adapter), h.fake, "T0AAA");
    await h.event(adapter, { ...tokensRevokedEvent("T0AAA", [], "EvR001"), event: { type: "tokens_revoked", tokens: { oauth: ["U0ALICE"], bot: [] } } });
    await waitFor(() => h.logs.some((l) => l.includes("only user tokens were revoked")));
    expect(await h.app.installations.find("T0AAA")).not.toBeNull();
    await h.event(adapter, tokensRevokedEvent("T0AAA", ["UBOTT0AAA"], "EvR002"));
    await waitFor(async () => (await h.app.installations.find("T0AAA")) === null);
    expect(h.logs.filter((l) => l.includes("removed the Slack install"))).toHaveLength(1);
    await expect(adapter.send("slack:T0AAA:C0AAA", hello)).rejects.toMatchObject({ reason: "not_installed" });
  });

  it("a reinstall made through another instance is picked up: the old token's invalid_auth re-reads the store and the post goes out with the new token", async () => {
    const first = await h.start();
    await install(h.origin(first), h.fake, "T0AAA");
    await first.send("slack:T0AAA:C0AAA", hello);
    const second = await h.start();
    await install(h.origin(second), h.fake, "T0AAA");
    const tokens = [...h.fake.workspaces.issued.values()].filter((i) => i.teamId === "T0AAA").map((i) => i.token);
    expect(tokens).toHaveLength(2);
    h.fake.workspaces.revoke("T0AAA");
    h.fake.workspaces.add({ ...h.fake.workspaces.issued.get(tokens[1]!)! });
    await first.send("slack:T0AAA:C0AAA", hello);
    const auths = h.fake.postsBy("T0AAA").map((c) => c.auth);
    expect(auths).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[0]}`, `Bearer ${tokens[1]}`]);
  });

  it("an install sealed with another key, or tampered with, is refused with a logged reason and that workspace counts as not installed", async () => {
    const first = await h.start();
    await install(h.origin(first), h.fake, "T0AAA");
    await install(h.origin(first), h.fake, "T0BBB");
    const other = await h.start({ key: newKey() });
    await expect(other.send("slack:T0AAA:C0AAA", hello)).rejects.toMatchObject({ reason: "not_installed" });
    expect(h.logs.some((l) => l.includes("sealed with another SLACK_INSTALLATION_KEY") && l.includes("T0AAA"))).toBe(true);

    const row = (await h.app.installations.find("T0BBB"))!;
    const flipped = row.sealed.slice(0, -2) + (row.sealed.endsWith("A") ? "B" : "A") + row.sealed.slice(-1);
    await h.app.installations.save({ ...row, sealed: flipped }, "2026-08-04T10:00:00Z");
    const third = await h.start();
    await expect(third.send("slack:T0BBB:C0BBB", hello)).rejects.toMatchObject({ reason: "not_installed" });
    expect(h.logs.some((l) => l.includes("failed its integrity check") && l.includes("T0BBB"))).toBe(true);
    // The same key still opens the untouched install.
    expect(await third.send("slack:T0AAA:C0AAA", hello)).toMatch(/^slack:T0AAA:C0AAA:/);
  });
});

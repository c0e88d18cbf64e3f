import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formBody, signedPost, slashCommand } from "../../fakes/slack/slack-payloads.js";
import { SECRETS, startHarness, type Harness } from "./slack-harness.js";

const MEMBER = { teamId: "T0001", channel: "C0PAPERS", user: "UMEMBER" };

describe("HTTP mode request verification (Bolt's HTTPReceiver)", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("http");
    h.fake.addChannel("C0PAPERS");
    h.fake.addUser("UADMIN", { admin: true });
  });
  afterEach(() => h.close());

  const subscribeBody = () => formBody(slashCommand({ ...MEMBER, user: "UADMIN" }, "subscribe tokenization", h.fake.responseUrl()));
  const nothingHappened = async () => {
    expect(await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).toEqual([]);
    expect(h.fake.callsTo("users.info")).toEqual([]);
    expect(h.fake.responses).toEqual([]);
  };

  it("serves the configured path on its own port", async () => {
    expect(h.adapter.requestUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
  });

  it("rejects a forged signature with 401 and records nothing", async () => {
    const res = await signedPost(h.adapter.requestUrl()!, subscribeBody(), "form", { secret: "not-the-signing-secret-at-all" });
    expect(res.status).toBe(401);
    await nothingHappened();
  });

  it("rejects a stale timestamp (more than 5 minutes old) with 401", async () => {
    const res = await signedPost(h.adapter.requestUrl()!, subscribeBody(), "form", { secret: SECRETS.signingSecret, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await nothingHappened();
  });

  it("rejects a request signed 600 s in the future with 401 (Bolt only checks the past)", async () => {
    const res = await signedPost(h.adapter.requestUrl()!, subscribeBody(), "form", { secret: SECRETS.signingSecret, timestamp: Math.floor(Date.now() / 1000) + 600 });
    expect(res.status).toBe(401);
    await nothingHappened();
  });

  it("rejects a tampered body with 401", async () => {
    const signed = subscribeBody();
    const tampered = signed.replace("subscribe+tokenization", "subscribe+diffusion");
    expect(tampered).not.toBe(signed);
    const res = await signedPost(h.adapter.requestUrl()!, tampered, "form", { secret: SECRETS.signingSecret, signedBody: signed });
    expect(res.status).toBe(401);
    await nothingHappened();
  });

  it("accepts the same request correctly signed", async () => {
    const res = await signedPost(h.adapter.requestUrl()!, subscribeBody(), "form", { secret: SECRETS.signingSecret });
    expect(res.status).toBe(200);
    expect((await h.app.ports.subscriptions.list("slack:T0001:C0PAPERS")).map((s) => s.topic)).toEqual(["tokenization"]);
  });

  it("answers url_verification with the challenge", async () => {
    const body = JSON.stringify({ token: "legacy", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const res = await signedPost(h.adapter.requestUrl()!, body, "json", { secret: SECRETS.signingSecret });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("rejects an unsigned url_verification", async () => {
    const res = await fetch(h.adapter.requestUrl()!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "url_verification", challenge: "x" }) });
    expect(res.status).toBe(401);
  });

  it("never writes the tokens or the signing secret to the log", async () => {
    const all = h.logs.join("\n");
    expect(all.length).toBeGreaterThan(0);
    for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
  });
});

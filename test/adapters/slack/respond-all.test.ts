import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { respondAll } from "../../../src/adapters/slack/respond-all.js";
import { createSilentLogger } from "../../../src/core/logger.js";
import { startFakeSlack, type FakeSlack } from "../../fakes/slack/fake-slack.js";

describe("slack: a split reply longer than response_url's 5 uses", () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack();
    fake.addChannel("C0AAA");
  });
  afterEach(async () => fake.close());

  const parts = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `part ${i + 1}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `part ${i + 1}` } }] }));

  for (const ephemeral of [true, false]) {
    it(`sends parts 1–5 through the response_url and the rest through ${ephemeral ? "chat.postEphemeral" : "chat.postMessage"}, none lost`, async () => {
      const client = new webApi.WebClient("xoxb-test-bot-token", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      const url = fake.responseUrl();
      const respond = async (body: unknown) => {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`response_url answered ${res.status}`);
      };
      const post = (part: { text: string; blocks: unknown[] }, isEphemeral: boolean) =>
        isEphemeral ? client.chat.postEphemeral({ channel: "C0AAA", user: "UMEMBER", text: part.text, blocks: part.blocks as never }) : client.chat.postMessage({ channel: "C0AAA", text: part.text, blocks: part.blocks as never });
      await respondAll({ respond, post }, parts(8) as never, ephemeral, createSilentLogger());
      expect(fake.responses.map((r) => r.body.text)).toEqual(["part 1", "part 2", "part 3", "part 4", "part 5"]);
      expect(fake.callsTo(ephemeral ? "chat.postEphemeral" : "chat.postMessage").map((c) => c.params.text)).toEqual(["part 6", "part 7", "part 8"]);
      expect(fake.overusedResponseUrls).toBe(0);
    });
  }

  it("the fake refuses a 6th post to one response_url, and a refused post falls back too", async () => {
    const url = fake.responseUrl();
    const send = () => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    for (let i = 0; i < 5; i += 1) expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(404);
    const posted: string[] = [];
    await respondAll({ respond: async () => Promise.reject(new Error("used_url")), post: async (p) => void posted.push(p.text), used: 0 }, parts(2) as never, true, createSilentLogger());
    expect(posted).toEqual(["part 1", "part 2"]);
  });
});

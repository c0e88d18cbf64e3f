import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotError } from "../../src/core/errors.js";
import { createSilentLogger } from "../../src/core/logger.js";
import { createHttpClient, parseRateLimitReset, parseRetryAfter, type HttpClientOptions } from "../../src/sources/http-client.js";
import { startUpstreamServer, type UpstreamServer } from "../fakes/upstream-server.js";

const UA = "papers-bot-test/1.0 (+https://example.org)";

let server: UpstreamServer;
let sleeps: number[];

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    timeoutMs: 2000,
    retries: 3,
    userAgent: UA,
    logger: createSilentLogger(),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
}

beforeEach(async () => {
  server = await startUpstreamServer();
  server.setDay("2026-06-12", [{ paper: { id: "2606.00001", title: "A" } }]);
  sleeps = [];
});
afterEach(async () => {
  await server.close();
});

describe("createHttpClient against the fake upstream", () => {
  const url = () => `${server.url}/api/daily_papers?date=2026-06-12&limit=100&p=0`;

  it("sends the User-Agent and returns status, text and content type", async () => {
    const res = await client().getText(url());
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/json");
    expect(JSON.parse(res.text)).toHaveLength(1);
    expect(server.requests[0]?.headers["user-agent"]).toBe(UA);
  });

  it("retries after a 429, waiting what Retry-After says", async () => {
    server.queueFaults("daily", { kind: "status", status: 429, retryAfter: "2" });
    const res = await client().getText(url());
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it("honours HF's RateLimit header when there is no Retry-After", async () => {
    server.queueFaults("daily", { kind: "status", status: 429, headers: { ratelimit: '"api";r=0;t=7' } });
    await client().getText(url());
    expect(sleeps).toEqual([7000]);
  });

  it("really waits for a small Retry-After with the default sleep", async () => {
    server.queueFaults("daily", { kind: "status", status: 429, retryAfter: "0.05" });
    await createHttpClient({ timeoutMs: 2000, retries: 1, userAgent: UA, logger: createSilentLogger() }).getText(url());
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(45);
  });

  it("backs off exponentially (with jitter) on 5xx, then succeeds", async () => {
    server.queueFaults("daily", { kind: "status", status: 500 }, { kind: "status", status: 503 });
    const res = await client({ backoffMs: 100 }).getText(url());
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([125, 250]);
  });

  it("retries a dropped connection", async () => {
    server.queueFaults("daily", { kind: "drop" });
    const res = await client().getText(url());
    expect(JSON.parse(res.text)).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("throws UPSTREAM with a one-line message when retries run out", async () => {
    server.queueFaults("daily", ...Array.from({ length: 4 }, () => ({ kind: "status" as const, status: 502 })));
    const err = await client().getText(url()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BotError);
    expect((err as BotError).code).toBe("UPSTREAM");
    expect((err as BotError).message).toMatch(/^127\.0\.0\.1:\d+ is not answering \(HTTP 502; 4 attempts\); try again in a few minutes\.$/);
    expect(server.requests).toHaveLength(4);
  });

  it("does not retry a 400 and says so", async () => {
    server.queueFaults("daily", { kind: "status", status: 400, body: '{"error":"Invalid date"}' });
    const err = (await client().getText(url()).catch((e: unknown) => e)) as BotError;
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toMatch(/refused the request \(HTTP 400\)/);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("returns statuses the caller passes through", async () => {
    server.queueFaults("daily", { kind: "status", status: 404 });
    const res = await client().getText(url(), { passStatuses: [404] });
    expect(res.status).toBe(404);
  });

  it("gives up instead of waiting an hour when the server asks for that", async () => {
    server.queueFaults("daily", { kind: "status", status: 429, retryAfter: "3600" });
    const err = (await client().getText(url()).catch((e: unknown) => e)) as BotError;
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toMatch(/rate limiting us for 3600 s/);
    expect(sleeps).toEqual([]);
  });

  it("times out a slow answer", async () => {
    server.queueFaults("daily", { kind: "delay", ms: 2000 });
    const started = performance.now();
    const err = (await client({ timeoutMs: 100, retries: 0 }).getText(url()).catch((e: unknown) => e)) as BotError;
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toMatch(/is not answering \(timed out after 100 ms; 1 attempt\)/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("reports a refused connection as UPSTREAM", async () => {
    const dead = server.url;
    await server.close();
    server = await startUpstreamServer();
    const err = (await client({ retries: 1 }).getText(`${dead}/api/daily_papers`).catch((e: unknown) => e)) as BotError;
    expect(err.code).toBe("UPSTREAM");
    expect(sleeps).toHaveLength(1);
  });
});

describe("header parsing", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    const now = Date.parse("2026-06-12T10:00:00Z");
    expect(parseRetryAfter("Fri, 12 Jun 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 12 Jun 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("reads t from HF's RateLimit header", () => {
    expect(parseRateLimitReset('"api";r=0;t=42')).toBe(42_000);
    expect(parseRateLimitReset('"api";r=12')).toBeNull();
  });
});

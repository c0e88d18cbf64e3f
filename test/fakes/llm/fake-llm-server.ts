import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Which provider API the fake speaks. */
export type FakeLlmApi = "openai" | "anthropic";

/** One scripted answer. */
export type FakeLlmReply =
  /** A well-formed completion with this text (and reported model name). */
  | { kind: "text"; text: string; model?: string }
  /** An HTTP error status, optionally with Retry-After. */
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  /** 200 with a body that is not JSON. */
  | { kind: "malformed-json" }
  /** 200 with JSON that is not the API's shape (no choices / no content). */
  | { kind: "wrong-shape" }
  /** Waits `ms`, then plays `then` (default: the default reply). */
  | { kind: "delay"; ms: number; then?: FakeLlmReply };

/** One request the fake received, with the prompt pulled out of either API's shape. */
export interface RecordedLlmRequest {
  /** Request path. */
  path: string;
  /** Lower-cased headers. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body. */
  body: Record<string, unknown>;
  /** The system prompt (OpenAI: system messages; Anthropic: `system`). */
  system: string;
  /** The user turn(s), joined. */
  user: string;
}

/** A scripted reply, or a function of the request (for "a model that obeys injected text"). */
export type FakeLlmScript = FakeLlmReply | ((request: RecordedLlmRequest) => FakeLlmReply);

/** A local fake of one provider's HTTP API on 127.0.0.1. */
export interface FakeLlmServer {
  /** Origin, e.g. http://127.0.0.1:40123. */
  url: string;
  /** The base URL the SDK takes (OpenAI: origin + /v1; Anthropic: origin). */
  baseUrl: string;
  /** Every completion request, in arrival order. */
  requests: RecordedLlmRequest[];
  /** Queues replies, each used by one request, before the default resumes. */
  queue(...replies: FakeLlmScript[]): void;
  /** Sets the reply used when the queue is empty. */
  setDefault(reply: FakeLlmScript): void;
  /** Closes the server and its connections. */
  close(): Promise<void>;
}

/** A valid TL;DR, the default reply. */
export const GOOD_TLDR = [
  "- The paper proposes a new method for the task.",
  "- It is evaluated on standard benchmarks.",
  "- It improves over strong baselines.",
  "Why it matters: It makes the task cheaper to solve.",
].join("\n");

/** Text content of an OpenAI message content (string or parts). */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : "")).join("");
  return "";
}

/** Pulls system and user text out of either API's request body. */
function promptOf(api: FakeLlmApi, body: Record<string, unknown>): { system: string; user: string } {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as { role?: string; content?: unknown }[];
  const of = (role: string): string => messages.filter((m) => m.role === role).map((m) => contentText(m.content)).join("\n");
  const system = api === "anthropic" ? contentText(body.system) : of("system") + of("developer");
  return { system, user: of("user") };
}

/** The API-shaped success body. */
function successBody(api: FakeLlmApi, text: string, model: string): unknown {
  if (api === "openai") {
    return {
      id: "chatcmpl-fake", object: "chat.completion", created: 1_780_000_000, model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    };
  }
  return {
    id: "msg_fake", type: "message", role: "assistant", model,
    content: [{ type: "text", text }], stop_reason: "end_turn", stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
}

/** Starts a fake OpenAI (`POST /v1/chat/completions`) or Anthropic (`POST /v1/messages`) API on an ephemeral loopback port. */
export async function startFakeLlmServer(api: FakeLlmApi, options: { model?: string } = {}): Promise<FakeLlmServer> {
  const model = options.model ?? (api === "openai" ? "fake-gpt-2026-01-01" : "fake-claude-2026-01-01");
  const route = api === "openai" ? "/v1/chat/completions" : "/v1/messages";
  const requests: RecordedLlmRequest[] = [];
  const queued: FakeLlmScript[] = [];
  let fallback: FakeLlmScript = { kind: "text", text: GOOD_TLDR };

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function play(res: ServerResponse, reply: FakeLlmReply, request: RecordedLlmRequest): void {
    switch (reply.kind) {
      case "text":
        return send(res, 200, JSON.stringify(successBody(api, reply.text, reply.model ?? model)));
      case "status": {
        const error = api === "openai" ? { error: { message: `fake ${reply.status}`, type: "fake", code: null } } : { type: "error", error: { type: "fake", message: `fake ${reply.status}` } };
        return send(res, reply.status, reply.body ?? JSON.stringify(error), reply.retryAfter !== undefined ? { "retry-after": reply.retryAfter } : {});
      }
      case "malformed-json":
        return send(res, 200, '{"id": "broken", "choices": [');
      case "wrong-shape":
        return send(res, 200, JSON.stringify({ id: "odd", result: "no choices or content here" }));
      case "delay": {
        const timer = setTimeout(() => play(res, reply.then ?? resolve(fallback, request), request), reply.ms);
        res.on("close", () => clearTimeout(timer));
        return;
      }
    }
  }

  const resolve = (script: FakeLlmScript, request: RecordedLlmRequest): FakeLlmReply => (typeof script === "function" ? script(request) : script);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      if (req.method !== "POST" || path !== route) return send(res, 404, JSON.stringify({ error: "not found" }));
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(res, 400, JSON.stringify({ error: "bad json" }));
      }
      const request: RecordedLlmRequest = { path, headers: req.headers, body, ...promptOf(api, body) };
      requests.push(request);
      play(res, resolve(queued.shift() ?? fallback, request), request);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: api === "openai" ? `${url}/v1` : url,
    requests,
    queue: (...replies) => void queued.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : done()));
      }),
  };
}

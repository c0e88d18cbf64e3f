import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/run-process.js";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("Dockerfile, compose.yaml and the script CI runs", () => {
  const dockerfile = read("Dockerfile");
  const script = read("scripts/production-install.sh");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("builds with the script's steps, in the script's order", () => {
    expect(stages).toHaveLength(2);
    const runs = [...stages[0]!.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]!).filter((c) => !c.startsWith("apt-get"));
    expect(runs).toEqual(["npm ci", "npm run build", "npm prune --omit=dev", "node scripts/check-runtime-deps.mjs dist"]);
    const positions = runs.map((command) => script.split("\n").findIndex((line) => line.trim() === command));
    expect(positions.every((p) => p >= 0), `each of ${runs.join(", ")} is a line of the script`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("runs node dist/main.js as a non-root user, the store on /data, with a HEALTHCHECK the script also runs", () => {
    const runtime = stages[1]!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(runtime).toMatch(/PAPERS_DB=\/data\/papers\.db/);
    expect(runtime).toMatch(/PAPERS_HTTP_PORT=9464/);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .* CMD \["node", "scripts\/healthcheck\.mjs"\]$/m);
    expect(script).toMatch(/PAPERS_HTTP_PORT="\$port" node dist\/main\.js/);
    expect(script).toMatch(/PAPERS_HTTP_PORT="\$port" node scripts\/healthcheck\.mjs --wait 60/);
    expect(read(".dockerignore")).toMatch(/^\.env$/m);
  });

  it("compose runs the bot on a volume; Postgres only under its own profile", () => {
    const compose = read("compose.yaml");
    expect(compose).toMatch(/- papers-data:\/data/);
    expect(compose).toMatch(/postgres:\n\s+profiles: \["postgres"\]/);
    expect(compose).toMatch(/image: postgres:17\n/);
    expect(compose).toMatch(/compose\.postgres\.yaml then runs two bot instances on\n\s+# the same postgres-data volume/);
  });
});

describe("scripts/healthcheck.mjs", () => {
  let server: Server;
  let status = 200;
  let base = "";
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: status === 200 ? "ok" : "unhealthy" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const check = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, "scripts/healthcheck.mjs"), ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code, out }));
    });

  it("exits 0 on 200 (port from PAPERS_HTTP_PORT), 1 on 503 and when nothing answers", async () => {
    status = 200;
    const ok = await check([], { PAPERS_HTTP_PORT: base.split(":").pop()! });
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/200 \{"status":"ok"\}/);
    status = 503;
    const down = await check(["--url", `${base}/healthz`]);
    expect(down.code).toBe(1);
    expect(down.out).toMatch(/503 \{"status":"unhealthy"\}/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const none = await check(["--url", `http://127.0.0.1:${port}/healthz`]);
    expect(none.code).toBe(1);
    expect(none.out).toMatch(/no answer \(ECONNREFUSED\)/);
  });
});

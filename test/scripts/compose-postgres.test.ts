import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { interpolate, parseComposeYaml, type YamlValue } from "../helpers/parse-compose-yaml.js";
import { ROOT } from "../helpers/run-process.js";

/*
 * There is no Docker on the machines that run these tests, so compose.postgres.yaml is
 * checked by reading it: its services, and that what it hands the bots is what config.ts
 * reads, through the real loadConfig (every env name it reads is recorded).
 */

type Map = { [key: string]: YamlValue };
const asMap = (v: YamlValue | undefined, what: string): Map => {
  if (v === null || v === undefined || typeof v === "string" || Array.isArray(v)) throw new Error(`${what} is not a mapping`);
  return v;
};
const asList = (v: YamlValue | undefined, what: string): YamlValue[] => {
  if (!Array.isArray(v)) throw new Error(`${what} is not a sequence`);
  return v;
};

/**
 * Names the compose file sets that parallel work has yet to make config.ts read (none now:
 * DISCORD_SHARDS is read since the Discord shards work landed). The last test fails as soon as
 * config.ts reads one of them: then it leaves this list, and the check below covers it.
 */
const READ_BY_PARALLEL_WORK = new Set<string>();

const compose = asMap(parseComposeYaml(readFileSync(join(ROOT, "compose.postgres.yaml"), "utf8")), "compose.postgres.yaml");
const services = asMap(compose.services, "services");
const bots = Object.keys(services).filter((name) => name !== "postgres");
const envOf = (name: string) => asMap(asMap(services[name], name).environment, `${name}.environment`);
const password = "s3cret-pw";

/** The ENV the Dockerfile bakes into the image, under the compose environment (which wins). */
function imageEnv(): Record<string, string> {
  const statement = /^ENV ((?:.*\\\n)*.*)$/m.exec(readFileSync(join(ROOT, "Dockerfile"), "utf8"))?.[1] ?? "";
  return Object.fromEntries(statement.replaceAll("\\\n", " ").trim().split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]));
}

/** One bot's environment inside its container: the image's ENV, then compose's, interpolated with POSTGRES_PASSWORD from .env. */
function containerEnv(bot: string): Record<string, string> {
  const set = Object.fromEntries(Object.entries(envOf(bot)).map(([k, v]) => [k, interpolate(String(v), { POSTGRES_PASSWORD: password })]));
  return { ...imageEnv(), ...set };
}

/** Runs the real loadConfig over `env` in a directory shaped like the image's /app (the shipped config, no .env); returns it and every env name it read. */
function loadRecording(env: Record<string, string>, cwd: string) {
  const read = new Set<string>();
  const recorder = new Proxy(env, {
    get(target, key) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key);
    },
  });
  return { loaded: loadConfig(recorder, cwd), read };
}

describe("compose.postgres.yaml: Postgres 17 and two bot instances on it", () => {
  const app = mkdtempSync(join(tmpdir(), "papers-compose-"));
  mkdirSync(join(app, "config"));
  cpSync(join(ROOT, "config/papers.json"), join(app, "config/papers.json"));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it("runs postgres:17 with a pg_isready healthcheck for its user and database, its data on a declared volume", () => {
    const pg = asMap(services.postgres, "postgres");
    expect(pg.image).toBe("postgres:17");
    const env = asMap(pg.environment, "postgres.environment");
    expect(env.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}");
    expect(() => interpolate(String(env.POSTGRES_PASSWORD), {})).toThrow(/POSTGRES_PASSWORD: set POSTGRES_PASSWORD in \.env/);
    const health = asMap(pg.healthcheck, "postgres.healthcheck");
    expect(health.test).toEqual(["CMD-SHELL", `pg_isready -U ${String(env.POSTGRES_USER)} -d ${String(env.POSTGRES_DB)}`]);
    const [volume] = asList(pg.volumes, "postgres.volumes").map(String);
    expect(volume).toMatch(/^[a-z-]+:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(asMap(compose.volumes, "volumes"))).toContain(volume!.split(":")[0]);
  });

  it("has two bot services built from this image, each waiting for a healthy Postgres, with its own INSTANCE_ID and published port", () => {
    expect(bots).toEqual(["bot-1", "bot-2"]);
    const ids = new Set<string>();
    const hostPorts = new Set<string>();
    for (const bot of bots) {
      const service = asMap(services[bot], bot);
      expect(service.build).toBe(".");
      expect(service.image).toBe("papers-bot:local");
      expect(asMap(asMap(service.depends_on, `${bot}.depends_on`).postgres, `${bot}.depends_on.postgres`).condition).toBe("service_healthy");
      ids.add(String(envOf(bot).INSTANCE_ID));
      const env = containerEnv(bot);
      const [published] = asList(service.ports, `${bot}.ports`).map(String);
      const [host, hostPort, containerPort] = published!.split(":");
      expect(host).toBe("127.0.0.1");
      expect(containerPort).toBe(env.PAPERS_HTTP_PORT);
      hostPorts.add(hostPort!);
      expect(asMap(service.healthcheck, `${bot}.healthcheck`).test).toEqual(["CMD", "node", "scripts/healthcheck.mjs"]);
    }
    expect(ids).toEqual(new Set(["bot-1", "bot-2"]));
    expect(hostPorts.size).toBe(2);
    // The healthcheck asks /healthz on PAPERS_HTTP_PORT, the port the bot serves it on.
    expect(existsSync(join(ROOT, "scripts/healthcheck.mjs"))).toBe(true);
    expect(readFileSync(join(ROOT, "scripts/healthcheck.mjs"), "utf8")).toContain("http://127.0.0.1:${process.env.PAPERS_HTTP_PORT || 9464}/healthz");
    // Apart from their identity and published port, the two bots are the same service.
    const strip = (bot: string) => {
      const { ports: _ports, environment, ...rest } = asMap(services[bot], bot);
      const { INSTANCE_ID: _id, ...env } = asMap(environment, bot);
      return { ...rest, env };
    };
    expect(strip("bot-2")).toEqual(strip("bot-1"));
  });

  it("hands each bot a DATABASE_URL that names the postgres service, its user, database and password, and its INSTANCE_ID, as loadConfig reads them", () => {
    const pgEnv = asMap(asMap(services.postgres, "postgres").environment, "postgres.environment");
    for (const bot of bots) {
      const env = containerEnv(bot);
      const { loaded } = loadRecording(env, app);
      expect(loaded.config.database.url).toBe(`postgres://${String(pgEnv.POSTGRES_USER)}:${password}@postgres:5432/${String(pgEnv.POSTGRES_DB)}`);
      expect(loaded.config.http.port).toBe(Number(env.PAPERS_HTTP_PORT));
      expect(loaded.config.instance.id).toBe(bot);
    }
  });

  it("sets only env names that config.ts reads", () => {
    for (const bot of bots) {
      const { read } = loadRecording(containerEnv(bot), app);
      const unread = Object.keys(envOf(bot)).filter((name) => !read.has(name) && !READ_BY_PARALLEL_WORK.has(name));
      expect(unread, `${bot} sets names the bot never reads`).toEqual([]);
    }
  });

  it("lists as pending only names config.ts does not read yet", () => {
    const { read } = loadRecording(containerEnv("bot-1"), app);
    const nowRead = [...READ_BY_PARALLEL_WORK].filter((name) => read.has(name));
    expect(nowRead, "config.ts reads these now: remove them from READ_BY_PARALLEL_WORK").toEqual([]);
  });
});

describe("parseComposeYaml", () => {
  it("reads the subset: nested mappings, sequences of scalars and mappings, flow sequences, quotes, comments", () => {
    const text = ["a:", "  b: plain value # comment", '  c: "quoted # not a comment"', "  d:", "    - one", "    - k: v", "      l: 'it''s'", '  e: ["x", "y z"]', "  f:"].join("\n");
    expect(parseComposeYaml(text)).toEqual({ a: { b: "plain value", c: "quoted # not a comment", d: ["one", { k: "v", l: "it's" }], e: ["x", "y z"], f: null } });
  });

  it("refuses what it does not support instead of misreading it", () => {
    for (const bad of ["a: &x 1", "a: *x", "a:\n  <<: *x", "a: |\n  text", "a: {b: 1}", "a: 1\na: 2", "a:\n\t- b", "a: b: c", "a:\n- b"]) {
      expect(() => parseComposeYaml(bad), bad).toThrow();
    }
  });
});

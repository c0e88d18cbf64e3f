import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchPath, log, ROOT } from "./bench-env.js";
import type { Section } from "./report.js";
import { fmt } from "./stats.js";
import type { CachedStore } from "./store-cache.js";

/** Compiles src/ to .bench/dist (what `npm start` runs, without touching the shared dist/); returns main.js. */
function buildApp(): string {
  const out = benchPath("dist");
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", out, "--tsBuildInfoFile", join(out, ".tsbuildinfo")], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`tsc failed: ${result.stdout}${result.stderr}`);
  // dist/db resolves migrations at ../../drizzle.
  const link = benchPath("drizzle");
  if (!existsSync(link)) symlinkSync(join(ROOT, "drizzle"), link);
  return join(out, "main.js");
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

interface Start {
  readyMs: number;
  rssReady: number;
  rssIdle: number;
  peak: number;
}

/** Starts the bot like `npm start` (shell adapter, stdin held open so it idles), waits for the first `today` listing, then samples RSS. */
function startOnce(main: string, store: string, idleMs: number): Promise<Start> {
  const config = benchPath(`footprint-config-${process.pid}.json`);
  writeFileSync(config, JSON.stringify({ database: { path: store }, log: { level: "error" }, sources: { hf: { enabled: false }, arxiv: { rssEnabled: false } }, scheduler: { enabled: false } }));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--enable-source-maps", main], { cwd: ROOT, env: { ...process.env, PAPERS_CONFIG: config, PAPERS_DB: store, LOG_LEVEL: "error" }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let readyMs = -1;
    const fail = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the bot did not list today's papers within 60 s; output: ${out.slice(0, 500)}`));
    }, 60_000);
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      // The listing follows the offline status line ("…, so these are the papers already
      // stored."); ready when it has been printed.
      if (readyMs < 0 && /, so (these are|this is) [^\n]*\n[\s\S]*\S/.test(out)) {
        readyMs = performance.now() - t0;
        const rssReady = rssOf(child.pid!).rss;
        setTimeout(() => {
          const idle = rssOf(child.pid!);
          clearTimeout(fail);
          child.stdin.end();
          child.once("exit", () => {
            rmSync(config, { force: true });
            resolve({ readyMs, rssReady, rssIdle: idle.rss, peak: idle.hwm });
          });
        }, idleMs);
      }
    });
    child.once("error", reject);
  });
}

/** Footprint: time from start to ready and resident memory of the idle bot over a cached store. */
export async function runFootprintBench(store: CachedStore, runs: number, idleMs: number): Promise<Section> {
  log("footprint: compiling the app to .bench/dist");
  const main = buildApp();
  const starts: Start[] = [];
  for (let i = 0; i < runs; i += 1) {
    log(`footprint: start ${i + 1}/${runs} over ${store.papers.toLocaleString("en-US")} papers`);
    starts.push(await startOnce(main, store.path, idleMs));
  }
  const byReady = [...starts].sort((a, b) => a.readyMs - b.readyMs);
  const med = byReady[Math.floor(byReady.length / 2)]!;
  const mb = (b: number) => fmt(b / 1e6, 1);
  return {
    title: "Footprint (the bot as `npm start` runs it)",
    notes: [
      `\`node --enable-source-maps main.js\` compiled from src/ (into .bench/dist, the same as dist/), shell adapter, stdin held open so it idles, over the ${store.papers.toLocaleString("en-US")}-paper store; sources and the scheduler disabled in a PAPERS_CONFIG file (an enabled but unreachable source adds its HTTP retry back-off to start-up).`,
      `Ready: process spawn until the first \`today\` listing is printed (config, migrations check, stores, commands, the listing query). RSS read from /proc at ready and after ${idleMs / 1000} s idle; peak = VmHWM. Median of ${runs} starts by ready time.`,
    ],
    headers: ["start", "ready ms", "RSS at ready MB", "RSS idle MB", "peak RSS MB"],
    rows: starts.map((s, i) => [String(i + 1), fmt(s.readyMs, 0), mb(s.rssReady), mb(s.rssIdle), mb(s.peak)]),
    summary: [
      { bench: `Idle bot RSS, ${store.papers.toLocaleString("en-US")}-paper store`, ours: `${mb(med.rssIdle)} MB (peak ${mb(med.peak)} MB)`, baseline: "", ratio: "", target: "< 150 MB", met: med.rssIdle < 150e6 },
      { bench: "Start to ready (ms)", ours: fmt(med.readyMs, 0), baseline: "", ratio: "", target: "< 1,000 ms", met: med.readyMs < 1000 },
    ],
  };
}

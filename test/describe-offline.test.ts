import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestRun } from "../src/core/papers/ingest-run-store.js";
import { describeOffline, plainCause } from "../src/describe-offline.js";
import { runEntry } from "./helpers/run-process.js";
import { testConfig } from "./helpers/test-app.js";

const HOSTS: Record<string, string> = { hf: "huggingface.co", "arxiv-rss": "rss.arxiv.org" };
const hostOf = (source: string) => HOSTS[source] ?? null;

function failed(source: string, error: string): IngestRun {
  return { id: 1, source, day: null, startedAt: "2026-08-04T09:00:00Z", finishedAt: "2026-08-04T09:00:01Z", status: "failed", papersNew: 0, papersUpdated: 0, bad: [], error };
}

const ENOTFOUND = (host: string) => `${host} is not answering (fetch failed: ENOTFOUND; 2 attempts); try again in a few minutes.`;

describe("describeOffline: the start-up notice when no source answered", () => {
  it("says it in one plain sentence, without error codes or attempt counts", () => {
    const text = describeOffline([failed("hf", ENOTFOUND("huggingface.co"))], hostOf, { kind: "sample", papers: 19 });
    expect(text).toBe("Could not reach huggingface.co (the network lookup failed), so this is the bundled sample of 19 recorded papers; try again in a few minutes.");
  });

  it("names each host once, grouped by cause", () => {
    const runs = [
      failed("hf", ENOTFOUND("huggingface.co")),
      failed("hf", ENOTFOUND("huggingface.co")),
      failed("arxiv-rss", "rss.arxiv.org is not answering (timed out after 20000 ms; 2 attempts); try again in a few minutes."),
    ];
    expect(describeOffline(runs, hostOf, { kind: "stored" })).toBe(
      "Could not reach huggingface.co (the network lookup failed) or rss.arxiv.org (it did not answer in time), so these are the papers already stored; try again in a few minutes.",
    );
    const same = [failed("hf", ENOTFOUND("huggingface.co")), failed("arxiv-rss", ENOTFOUND("rss.arxiv.org"))];
    expect(describeOffline(same, hostOf, { kind: "stored" })).toBe(
      "Could not reach huggingface.co or rss.arxiv.org (the network lookup failed), so these are the papers already stored; try again in a few minutes.",
    );
  });

  it("with no source enabled it says that instead", () => {
    expect(describeOffline([], hostOf, { kind: "sample", papers: 19 })).toBe("No paper source is enabled in the config, so this is the bundled sample of 19 recorded papers.");
  });

  it.each([
    ["fetch failed: ECONNREFUSED", "the connection was refused"],
    ["huggingface.co is rate limiting us for 600 s; try again later.", "it is limiting requests"],
    ["huggingface.co is not answering (HTTP 503; 4 attempts)", "it answered with a server error"],
    ["fetch failed: bad port", "it did not answer"],
  ])("%s reads as: %s", (error, cause) => {
    expect(plainCause(error)).toBe(cause);
  });
});

describe("npm start offline, as a real process", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-offline-"));
    const config = join(dir, "papers.json");
    // .invalid names never resolve, so this is the lookup failure a machine without network sees.
    const body = testConfig(join(dir, "papers.db"), "https://huggingface.invalid");
    delete body.log;
    writeFileSync(config, JSON.stringify(body));
    env = { PAPERS_CONFIG: config };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says in one sentence why it shows the sample, and leaves the technical reason to the log", async () => {
    const quiet = await runEntry("src/main.ts", [], { env, input: "" });
    expect(quiet.code).toBe(0);
    const flat = (text: string) => text.replace(/\s+/g, " "); // the shell wraps lines at 80 columns when piped
    expect(flat(quiet.stdout)).toContain("Could not reach huggingface.invalid (the network lookup failed), so this is the bundled sample of 19 recorded papers; try again in a few minutes.");
    expect(quiet.stdout).not.toMatch(/ENOTFOUND|attempt/);
    expect(quiet.stderr).toBe("");
    const logged = await runEntry("src/main.ts", [], { env: { ...env, LOG_LEVEL: "warn" }, input: "" });
    expect(flat(logged.stdout)).toContain("so these are the papers already stored; try again in a few minutes.");
    expect(logged.stderr).toMatch(/"msg":"ingest failed"/);
    expect(logged.stderr).toContain("fetch failed: ENOTFOUND");
  });
});

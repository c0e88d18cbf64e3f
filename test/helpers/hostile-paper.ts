import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ingestFile } from "../../src/cli/ingest-file.js";
import type { Ingests } from "../../src/core/create-core.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json");

/** The hostile paper: the first paper of the 2026-08-03 fixture with untrusted text that tries to change what people see. */
export const HOSTILE = {
  /** Its arXiv id (kept from the fixture, so it is in the day's listing). */
  id: "2607.26654",
  /** A right-to-left override (U+202E … U+202C), an isolate, a right-to-left mark, Slack/Discord marks and a mention. */
  title: "Safe \u202Etxt.exe\u202C \u2066title\u2069\u200F *bold* snake_case_name `code` @here",
  /** The title as every platform must show it: bidi controls gone, everything else as written. */
  shownTitle: "Safe txt.exe title *bold* snake_case_name `code` @here",
  /** An AI summary that starts like a block quote. */
  summary: "> Quoted claim that must not render as a block quote.",
} as const;

/** Ingests the 2026-08-03 fixture again with the first paper's title and AI summary replaced by HOSTILE's. */
export async function ingestHostilePaper(ingests: Pick<Ingests, "batch">, dir: string): Promise<void> {
  const items = JSON.parse(readFileSync(FIXTURE, "utf8")) as { paper: Record<string, unknown> }[];
  const first = items.find((i) => i.paper.id === HOSTILE.id)!;
  first.paper.title = HOSTILE.title;
  first.paper.ai_summary = HOSTILE.summary;
  const path = join(dir, "hf-daily-papers-2026-08-03-hostile.json");
  writeFileSync(path, JSON.stringify(items));
  await ingestFile(ingests, path);
}

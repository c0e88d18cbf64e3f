import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BotError } from "../core/errors.js";
import type { IngestRun } from "../core/papers/ingest-run-store.js";
import type { Ingests } from "../core/create-core.js";
import { parseResponseFile } from "../sources/parse-response-file.js";

/** samples/ at the package root (from both src/cli and dist/cli). */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../samples");

/** Most bytes `ingest --file` reads; real responses are far smaller. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Ingests a saved HF Daily Papers, arXiv API or arXiv RSS response; the run is recorded in the ledger. */
export async function ingestFile(ingests: Pick<Ingests, "batch">, path: string): Promise<IngestRun> {
  const label = basename(path);
  return ingests.batch(`file:${label}`, async () => {
    let text: string;
    try {
      const buffer = readFileSync(path);
      if (buffer.length > MAX_FILE_BYTES) throw new BotError("BAD_RESPONSE", `${label} is over 50 MB; split it into daily responses.`);
      text = buffer.toString("utf8");
    } catch (err) {
      if (err instanceof BotError) throw err;
      throw new BotError("NOT_FOUND", `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Check the path.`);
    }
    return parseResponseFile(text, label).batch;
  });
}

/** Loads every bundled sample response; returns how many papers are stored afterwards. */
export async function loadBundledSample(ingests: Pick<Ingests, "batch" | "count">): Promise<number> {
  const files = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".json") || f.endsWith(".xml")).sort();
  for (const file of files) await ingestFile(ingests, join(SAMPLES_DIR, file));
  return ingests.count();
}

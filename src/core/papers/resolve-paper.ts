import type { Logger } from "../logger.js";
import { BotError, isBotError } from "../errors.js";
import type { Paper } from "./paper.js";
import { parsePaperId } from "./paper-id.js";
import type { PaperLookup } from "./paper-source.js";
import type { PaperStore } from "./paper-store.js";

/** Reads a paper id or URL typed by a user, or throws a BotError that says what to type. */
export function requirePaperId(input: string): string {
  const parsed = parsePaperId(input);
  if (!parsed) {
    const shown = input.length > 60 ? `${input.slice(0, 57)}...` : input;
    throw new BotError("INVALID_ARGS", `"${shown}" is not an arXiv id or link. Use an id like 2410.17243 (or q-bio/0509018), or an arxiv.org / huggingface.co/papers link.`);
  }
  return parsed.id;
}

/**
 * The stored paper for `input`; when the store lacks it and `lookupUnknown` is set, fetches
 * it from arXiv and stores it. Throws NOT_FOUND when it exists nowhere.
 */
export async function resolvePaper(deps: { papers: PaperStore; lookup: PaperLookup | null; logger: Logger }, input: string, lookupUnknown: boolean): Promise<Paper> {
  const id = requirePaperId(input);
  const stored = await deps.papers.get(id);
  if (stored) return stored;
  if (!lookupUnknown) throw new BotError("NOT_FOUND", `Paper ${id} is not in today's lists or the store. Check the id, or ask for its summary first to fetch it from arXiv.`);
  if (!deps.lookup) throw new BotError("NOT_FOUND", `Paper ${id} is not stored, and the bot is offline so it cannot ask arXiv. Check the id or try again when online.`);
  let found;
  try {
    found = await deps.lookup.lookup(id);
  } catch (err) {
    if (isBotError(err) && err.code === "NOT_FOUND") throw err;
    deps.logger.warn({ paperId: id, err }, "arXiv lookup failed");
    throw new BotError("UPSTREAM", `Paper ${id} is not stored yet and arXiv could not be reached just now. Try again in a few minutes.`, err);
  }
  if (!found) throw new BotError("NOT_FOUND", `arXiv has no paper ${id}. Check the id (new ids look like 2410.17243).`);
  await deps.papers.upsert([found]);
  deps.logger.info({ paperId: id }, "stored paper fetched from arXiv on demand");
  const paper = await deps.papers.get(id);
  if (!paper) throw new BotError("INTERNAL", `Paper ${id} could not be stored. Try again.`);
  return paper;
}

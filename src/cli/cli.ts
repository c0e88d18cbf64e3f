import { Command, InvalidArgumentError } from "commander";
import { renderText } from "../adapters/shell/render-text.js";
import { shellCommandEvent } from "../adapters/shell/shell-adapter.js";
import { openApp, type App } from "../app.js";
import type { CommandEvent } from "../core/chat/message.js";
import { paperData } from "../core/chat/present-paper.js";
import { addDays, isDay, utcDay } from "../core/clock.js";
import type { OutboundMessage } from "../core/chat/message.js";
import { BotError, isBotError } from "../core/errors.js";
import type { IngestRun } from "../core/papers/ingest-run-store.js";
import { checkQueryWords } from "../core/topics/check-query-words.js";
import { matchTopics, prepareTopics } from "../core/topics/topic-matcher.js";
import { parseTopicQuery } from "../core/topics/parse-topic-query.js";
import { createLogger } from "../create-logger.js";
import { isEntryPoint } from "../is-entry-point.js";
import { loadConfigOrExit } from "../load-config-or-exit.js";
import { registerDeliverCommand } from "./deliver-command.js";
import { registerStoreCommands } from "./store-commands.js";
import { registerMigrateStore } from "./migrate-store-command.js";
import { ingestFile } from "./ingest-file.js";
import { printJson } from "./print-result.js";
import { createProgress } from "./progress.js";

function dayOption(value: string): string {
  if (!isDay(value)) throw new InvalidArgumentError("use YYYY-MM-DD, e.g. 2026-07-31");
  return value;
}

function countOption(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`use a whole number from 1 to ${max}`);
    return n;
  };
}

/**
 * The words of a query or topic. Commander lets `-excluded` words through (query syntax),
 * so a mistyped `--flag` is caught here instead of being searched for.
 */
function queryWords(words: string[]): string {
  const flag = words.find((w) => w.startsWith("--"));
  if (flag) throw new BotError("INVALID_ARGS", `Unknown option ${flag}; see papers --help (words starting with a single - are excluded words).`);
  return words.join(" ");
}

function withApp<A extends unknown[]>(fn: (app: App, ...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    const loaded = loadConfigOrExit();
    // Like the shell, the CLI prints its own one-line outcome (and `papers: …` on a refusal),
    // so its log starts at error; LOG_LEVEL brings the full log back.
    const level = loaded.env.logLevelSet ? loaded.config.log.level : "error";
    const logger = createLogger({ level, pretty: Boolean(process.stderr.isTTY) });
    let app: App | null = null;
    try {
      app = await openApp(loaded, { logger });
      if (app.store.migrationBackup) process.stderr.write(`papers: upgraded the store's schema; the copy from before is at ${app.store.migrationBackup.path}.\n`);
      await fn(app, ...args);
    } catch (err) {
      process.stderr.write(`papers: ${isBotError(err) ? err.message : (err as Error).stack ?? String(err)}\n`);
      process.exitCode = isBotError(err) ? 1 : 70;
    } finally {
      await app?.close();
    }
  };
}

/**
 * Prints a chat command's reply: an answer on stdout; a refusal as one `papers: …` line on
 * stderr with exit status 1 (70 for a bug), as for every other failing subcommand.
 */
function printMessage(message: OutboundMessage): void {
  if (!message.failure) {
    process.stdout.write(`${renderText(message)}\n`);
    return;
  }
  process.stderr.write(`papers: ${renderText(message)}\n`);
  process.exitCode = message.failure === "INTERNAL" ? 70 : 1;
}

/** Runs a chat command as the shell's user; named `options` skip the text parser (flags are already typed). */
const runCommandAsShell = async (app: App, name: string, text: string, options?: Record<string, string | undefined>) => {
  const reply = await app.core.handle({ ...shellCommandEvent(app.config.shell, name, text), options });
  if (reply) printMessage(reply);
};

/**
 * Runs a command with typed options and prints its reply's data as JSON (`--json`): the
 * same command, model and all, as the text path. A listing that found nothing prints []
 * and says why on stderr; a refusal (no data) goes to stderr with exit status 1.
 */
async function printCommandJson(app: App, name: string, options: CommandEvent["options"]): Promise<void> {
  const event = { ...shellCommandEvent(app.config.shell, name, ""), options };
  const reply = await app.core.handle(event);
  if (!reply?.data || reply.failure) {
    process.stderr.write(`papers: ${reply?.fallbackText ?? "no answer"}\n`);
    process.exitCode = reply?.failure === "INTERNAL" ? 70 : 1;
    return;
  }
  if (reply.data.kind === "paper") return printJson(reply.data.paper);
  printJson(reply.data.papers);
  if (reply.data.papers.length === 0) process.stderr.write(`papers: ${reply.fallbackText}\n`);
}

function printRuns(runs: IngestRun[], json: boolean): void {
  if (json) return printJson(runs);
  for (const run of runs) {
    const bad = run.bad.length ? `, ${run.bad.length} bad records (${run.bad.slice(0, 5).map((b) => b.ref).join(", ")})` : "";
    const what = run.status === "failed" ? `failed: ${run.error}` : `${run.papersNew} new, ${run.papersUpdated} updated${bad}`;
    process.stdout.write(`${run.source}${run.day ? ` ${run.day}` : ""}: ${run.status} — ${what}\n`);
  }
  if (runs.some((r) => r.status === "failed")) process.exitCode = 1;
}

/** Builds the `papers` command-line interface. */
export function buildCli(): Command {
  const program = new Command("papers").description("Daily research papers from Hugging Face and arXiv, for scripts and terminals.").showHelpAfterError();
  program
    .command("ingest")
    .description("Fetch papers into the store: today's (and recent days') lists, a past day, or a saved response file.")
    .option("--source <source>", "hf, arxiv or all", "all")
    .option("--date <day>", "last day to fetch (YYYY-MM-DD, default today UTC)", dayOption)
    .option("--days <n>", "how many days back from --date to fetch from HF (backfill)", countOption(3650))
    .option("--file <path...>", "ingest saved API/feed responses instead of fetching")
    .option("--json", "print the ingest runs as JSON")
    .action(withApp(async (app, opts: { source: string; date?: string; days?: number; file?: string[]; json?: boolean }) => {
      if (!["hf", "arxiv", "all"].includes(opts.source)) throw new BotError("INVALID_ARGS", `--source takes hf, arxiv or all, not "${opts.source}".`);
      const runs: IngestRun[] = [];
      if (opts.file) {
        for (const file of opts.file) runs.push(await ingestFile(app.core.ingests, file));
        return printRuns(runs, Boolean(opts.json));
      }
      const last = opts.date ?? utcDay(app.ports.clock.now());
      if (!opts.date && !opts.days) {
        const hf = opts.source === "arxiv" ? undefined : app.sources.hf ?? undefined;
        const listings = opts.source === "hf" ? [] : app.sources.listings;
        runs.push(...(await app.core.ingests.recent({ hf, listings, today: last, refetchDays: app.config.sources.hf.refetchDays })));
      } else {
        // Past days: HF by date, arXiv through the export API (the listing feeds serve only today).
        const count = opts.days ?? 1;
        const days = Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
        const sources = [opts.source === "arxiv" ? null : app.sources.hf, opts.source === "hf" ? null : app.sources.arxivBackfill];
        for (const source of sources) {
          if (!source) continue;
          const progress = createProgress(days.length, source.name);
          runs.push(...(await app.core.ingests.days(source, days, progress.update)));
          progress.stop();
        }
      }
      printRuns(runs, Boolean(opts.json));
    }));
  program
    .command("today")
    .description("The day's papers ranked by upvotes.")
    .option("--date <day>", "day to list (YYYY-MM-DD)", dayOption)
    .option("--topic <topic>", "only papers about this topic")
    .option("--limit <n>", "how many papers", countOption(500), 20)
    .option("--json", "print JSON")
    .action(withApp(async (app, opts: { date?: string; topic?: string; limit: number; json?: boolean }) => {
      if (!opts.json) return runCommandAsShell(app, "today", [opts.date, opts.topic].filter(Boolean).join(" "), { date: opts.date, topic: opts.topic });
      await printCommandJson(app, "today", { date: opts.date, topic: opts.topic, limit: opts.limit });
    }));
  program
    .command("search")
    .description('Full-text search: words, "quoted phrases", OR, -excluded.')
    .argument("<query...>", "what to look for")
    .option("--limit <n>", "how many results", countOption(200), 10)
    .option("--json", "print JSON")
    .allowUnknownOption()
    .action(withApp(async (app, words: string[], opts: { limit: number; json?: boolean }) => {
      checkQueryWords(queryWords(words), "search");
      if (opts.json) return printCommandJson(app, "search", { query: queryWords(words), limit: opts.limit });
      await runCommandAsShell(app, "search", queryWords(words));
    }));
  program
    .command("match")
    .description("Every stored paper a subscription to TOPIC would deliver, with why.")
    .argument("<topic...>", 'topic, e.g. tokenization or diffusion OR "flow matching" -video')
    .option("--since <day>", "only papers listed on or after this day", dayOption)
    .option("--channel <conversation>", "match as in this conversation (its dropped terms and feedback), e.g. slack:T1:C1")
    .option("--json", "print JSON")
    .allowUnknownOption()
    .action(withApp(async (app, words: string[], opts: { since?: string; channel?: string; json?: boolean }) => {
      checkQueryWords(queryWords(words), "topic");
      const query = parseTopicQuery(queryWords(words));
      const stored = await app.ports.papers.listSince(opts.since ?? "0000-01-01");
      const verdicts = await matchTopics(app.ports.topics, await prepareTopics(app.ports.topics, opts.channel ?? null, [query.raw]), stored);
      const matches = stored
        .flatMap((paper) => (verdicts.has(paper.id) ? [{ paper, ...verdicts.get(paper.id)! }] : []))
        .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1));
      if (opts.json) return printJson(matches.map((m) => paperData(m.paper, { why: m.why, score: m.score })));
      if (matches.length === 0) process.stdout.write(`No stored paper matches ${query.raw}.\n`);
      for (const m of matches) process.stdout.write(`${m.paper.id}  ${m.paper.title}\n    why: ${m.why}\n`);
    }));
  program
    .command("summary")
    .description("A paper's short summary and links (id, arXiv URL or HF URL); unknown ids are fetched from arXiv.")
    .argument("<paper>", "id or URL")
    .option("--json", "print JSON")
    .action(withApp(async (app, paper: string, opts: { json?: boolean }) => {
      if (!opts.json) return runCommandAsShell(app, "summary", paper);
      await printCommandJson(app, "summary", { paper });
    }));
  registerDeliverCommand(program, withApp);
  registerStoreCommands(program, withApp);
  registerMigrateStore(program);
  return program;
}

/** Runs the CLI on `argv` (bin/papers.js and `tsx src/cli/cli.ts` both land here). */
export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}

if (isEntryPoint(import.meta.url)) await runCli(process.argv);

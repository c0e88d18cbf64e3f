import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { plural } from "../core/chat/plural.js";
import { BotError, isBotError } from "../core/errors.js";
import { parseStoreDocument } from "../core/transfer/store-document.js";
import type { ImportSummary } from "../core/transfer/store-transfer.js";
import { loadConfigOrExit } from "../load-config-or-exit.js";
import { backupDatabase } from "../db/backup-database.js";
import type { WithApp } from "./deliver-command.js";

/** One line saying what an import changed. */
export function describeImport(file: string, summary: ImportSummary): string {
  const parts = [
    [summary.settings, "channel's settings", "channels' settings"],
    [summary.subscriptions, "subscription"],
    [summary.votes, "vote"],
    [summary.runs, "digest run"],
    [summary.items, "posted message"],
    [summary.llmUsage, "day of model usage", "days of model usage"],
    [summary.topicState, "topic feedback or dropped term", "topic feedback votes or dropped terms"],
    [summary.installations, "Slack installation"],
  ] as const;
  const changed = parts.filter(([n]) => n > 0).map(([n, one, many]) => (many && n !== 1 ? `${n} ${many}` : plural(n, one)));
  return changed.length === 0 ? `Imported ${file}: the store already held all of it; nothing changed.` : `Imported ${file}: ${changed.join(", ")} added or updated.`;
}

/** Registers `papers backup PATH`, `papers export [--out FILE]` and `papers import FILE`. */
export function registerStoreCommands(program: Command, withApp: WithApp): void {
  program
    .command("backup")
    .description("Copy the SQLite store to PATH while the bot keeps running (SQLite's online backup); on Postgres, use pg_dump.")
    .argument("<path>", "where to write the copy (must not exist yet)")
    .action(async (path: string) => {
      const loaded = loadConfigOrExit();
      try {
        const result = await backupDatabase(loaded.config.database.path, path);
        process.stdout.write(`Backed up ${resolve(loaded.config.database.path)} to ${result.path} (${Math.max(1, Math.round(result.bytes / 1024))} KB). Restore: stop the bot, copy it over the store (and delete any -wal/-shm files beside it), start the bot.\n`);
      } catch (err) {
        process.stderr.write(`papers: ${isBotError(err) ? err.message : (err as Error).stack ?? String(err)}\n`);
        process.exitCode = isBotError(err) ? 1 : 70;
      }
    });
  program
    .command("export")
    .description("Every channel's subscriptions, schedule and settings, votes and saved delivery state, as one versioned JSON document.")
    .option("--out <file>", "write it to FILE instead of stdout")
    .action(withApp(async (app, opts: { out?: string }) => {
      const doc = await app.transfer.exportAll();
      const json = `${JSON.stringify(doc, null, 2)}\n`;
      if (!opts.out) return void process.stdout.write(json);
      const target = resolve(opts.out);
      writeFileSync(`${target}.partial`, json);
      renameSync(`${target}.partial`, target);
      process.stderr.write(`Exported ${plural(doc.channels.length, "channel")}, ${plural(doc.votes.length, "vote")} and ${plural(doc.delivery.items.length, "posted message")} to ${target}.\n`);
    }));
  program
    .command("import")
    .description("Load a papers export into this store in one transaction; importing it twice changes nothing, and a bad file changes nothing.")
    .argument("<file>", "a file written by papers export")
    .action(withApp(async (app, file: string) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        throw new BotError("NOT_FOUND", `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path.`);
      }
      const doc = parseStoreDocument(text, file);
      process.stdout.write(`${describeImport(file, await app.transfer.importAll(doc))}\n`);
    }));
}

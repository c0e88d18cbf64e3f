import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { BotError, isBotError } from "../core/errors.js";
import { openDatabase } from "../db/open-database.js";
import { loadConfigOrExit } from "../load-config-or-exit.js";
import { createProgress } from "./progress.js";

/** Registers `papers migrate-store --to postgres://…`: copies the SQLite store into a Postgres store. */
export function registerMigrateStore(program: Command): void {
  program
    .command("migrate-store")
    .description("Copy the SQLite store (database.path) into a Postgres store: papers, subscriptions, settings, votes, the delivery ledger and caches. Running it again adds nothing.")
    .requiredOption("--to <url>", "the Postgres store, postgres://user:password@host:5432/database")
    .action(async (opts: { to: string }) => {
      const loaded = loadConfigOrExit();
      const path = resolve(loaded.config.database.path);
      try {
        if (!existsSync(path)) throw new BotError("NOT_FOUND", `There is no SQLite store at ${path} to copy. Set database.path (or PAPERS_DB) to the store's file.`);
        const { openPgDatabase } = await import("../db/pg/open-pg-database.js");
        const { copySqliteToPg } = await import("../db/pg/copy-sqlite-to-pg.js");
        const sqlite = openDatabase(path);
        try {
          const pg = await openPgDatabase(opts.to, { setting: "--to" });
          try {
            let progress: ReturnType<typeof createProgress> | null = null;
            const counts = await copySqliteToPg(sqlite, pg, (done, total) => {
              progress ??= createProgress(total, "copying papers");
              progress.update(done, total, "");
            });
            (progress as ReturnType<typeof createProgress> | null)?.stop();
            process.stdout.write(
              `Copied ${path} to ${pg.displayUrl}: ${counts.papers} papers, ${counts.listings} listing days, ${counts.summaries} cached summaries, ` +
                `${counts.ingestRuns} ingest runs, ${counts.events} processed events, ${counts.installations} Slack installations and ${counts.channelState} rows of channel settings, subscriptions, votes and delivery state added` +
                `${Object.values(counts).every((n) => n === 0) ? " (the Postgres store already held all of it)" : ""}. Set DATABASE_URL to it to run the bot there.\n`,
            );
          } finally {
            await pg.close();
          }
        } finally {
          sqlite.close();
        }
      } catch (err) {
        process.stderr.write(`papers: ${isBotError(err) ? err.message : (err as Error).stack ?? String(err)}\n`);
        process.exitCode = isBotError(err) ? 1 : 70;
      }
    });
}

import { randomUUID } from "node:crypto";
import { InvalidArgumentError, type Command } from "commander";
import { renderText } from "../adapters/shell/render-text.js";
import type { ChatAdapter } from "../core/chat/chat-adapter.js";
import { plural } from "../core/chat/plural.js";
import type { OutboundMessage } from "../core/chat/message.js";
import { isDay } from "../core/clock.js";
import type { DigestOutcome, DigestRequest } from "../core/digest/deliver-digest.js";
import type { App } from "../app.js";

/** The shape of cli.ts's `withApp`: opens the app, runs the action, reports errors, closes it. */
export type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<void>) => (...args: A) => Promise<void>;

/** Options of `papers deliver`. */
export interface DeliverCliOptions {
  /** Digest day (YYYY-MM-DD); default: today in each channel's timezone. */
  date?: string;
  /** One conversation reference; default: every scheduled, unpaused channel. */
  channel?: string;
  /** Print what would be posted; change nothing. */
  dryRun?: boolean;
  /** Print the outcomes as JSON. */
  json?: boolean;
}

/** One channel's result, as `--json` prints it. */
export interface DeliverCliResult {
  /** Conversation reference. */
  conversation: string;
  /** Digest day delivered. */
  digestDay: string;
  /** Outcome kind, plus detail (a skipped channel's reason, a dry run's messages). */
  outcome: DigestOutcome | { kind: "no-adapter"; reason: string };
  /** Messages posted (or, for a dry run, that would be), in order. */
  messages: OutboundMessage[];
}

function dayOption(value: string): string {
  if (!isDay(value)) throw new InvalidArgumentError("use YYYY-MM-DD, e.g. 2026-07-31");
  return value;
}

/** Delivers (or previews) one channel's digest; only the shell's channels can really be posted to from the CLI. */
async function deliverOne(app: App, request: DigestRequest, opts: DeliverCliOptions): Promise<DeliverCliResult> {
  const messages: OutboundMessage[] = [];
  const base = { conversation: request.conversation, digestDay: request.digestDay, messages };
  if (request.platform !== "shell" && !opts.dryRun) {
    return { ...base, outcome: { kind: "no-adapter", reason: `the CLI cannot post to ${request.platform || "this platform"}; the running bot delivers it (use --dry-run to preview)` } };
  }
  let sent = 0;
  const stamp = Date.now().toString(36);
  const printer: Pick<ChatAdapter, "send" | "limits"> = {
    limits: null,
    async send(conversation, message) {
      messages.push(message);
      if (!opts.json) process.stdout.write(`${renderText(message)}\n\n`);
      sent += 1;
      return `${conversation}:cli-${stamp}-${sent}`;
    },
  };
  const [result] = await app.core.deliveries.run([request], new Map([[request.platform, printer]]), { concurrency: 1 });
  const outcome = result!.outcome;
  if (outcome.kind === "dry-run") {
    messages.push(...outcome.messages);
    if (!opts.json) process.stdout.write(outcome.messages.map((m) => `${renderText(m)}\n\n`).join(""));
  }
  return { ...base, outcome };
}

/** A one-line summary of an outcome. */
function describeOutcome(r: DeliverCliResult): string {
  const o = r.outcome;
  switch (o.kind) {
    case "sent": return `posted ${plural(o.papers, "paper")}`;
    case "notice": return `posted a notice: ${o.text}`;
    case "dry-run": return `dry run: ${plural(o.messages.length, "message")} would be posted; nothing was posted or recorded`;
    case "already-done": return "already delivered for this day (nothing posted)";
    case "busy": return "another process is delivering it right now (nothing posted)";
    case "failed": return `failed (${o.permanent ? "permanent" : "will be retried"}): ${o.reason}`;
    case "not-ready": case "skipped": case "no-adapter": return `${o.kind}: ${o.reason}`;
    case "stopped": return `stopped after ${plural(o.papers, "paper")}`;
  }
}

/** Adds `papers deliver [--date D] [--channel REF] [--dry-run] [--json]` to the CLI. */
export function registerDeliverCommand(program: Command, withApp: WithApp): Command {
  return program
    .command("deliver")
    .description("Run a digest delivery now: one channel (--channel) or every scheduled one. --dry-run prints what would be posted and changes nothing.")
    .option("--date <day>", "digest day (YYYY-MM-DD, default today in each channel's timezone)", dayOption)
    .option("--channel <ref>", "conversation reference, e.g. shell:local:main or discord:G1:C2")
    .option("--dry-run", "print what would be posted; post and record nothing")
    .option("--json", "print the outcomes as JSON")
    .action(withApp(async (app, opts: DeliverCliOptions) => {
      const owner = `cli-${process.pid}-${randomUUID().slice(0, 8)}`;
      const channel = opts.channel
        ? { conversation: opts.channel, platform: opts.channel === app.config.shell.conversation ? "shell" : (opts.channel.split(":")[0] ?? ""), workspace: "local" }
        : undefined;
      const requests = await app.core.deliveries.manual({ channel, date: opts.date, owner, dryRun: opts.dryRun });
      if (requests.length === 0) {
        process.stderr.write("papers: no channel has a schedule yet; pass --channel REF (e.g. --channel shell:local:main).\n");
        process.exitCode = 1;
        return;
      }
      const results: DeliverCliResult[] = [];
      for (const request of requests) {
        if (!opts.json) process.stdout.write(`── ${request.conversation} · ${request.digestDay}${opts.dryRun ? " · dry run" : ""}\n`);
        const result = await deliverOne(app, request, opts);
        results.push(result);
        if (!opts.json) process.stdout.write(`${describeOutcome(result)}\n`);
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      if (results.some((r) => r.outcome.kind === "failed")) process.exitCode = 1;
    }));
}

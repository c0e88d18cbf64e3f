import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChatAdapter, ChatCore } from "../../core/chat/chat-adapter.js";
import type { CommandEvent, OutboundMessage } from "../../core/chat/message.js";
import { completeCommand } from "./complete-command.js";
import { renderText } from "./render-text.js";
import { DEFAULT_COLUMNS, wrapText } from "./wrap-text.js";

/** Options for the shell adapter. */
export interface ShellAdapterOptions {
  /** Where commands come from (process.stdin). */
  input: Readable;
  /** Where replies go (process.stdout). */
  output: Writable;
  /** Show a `papers>` prompt (when input is a terminal). */
  interactive: boolean;
  /** Conversation reference the shell speaks as. */
  conversation: string;
  /** User id the shell speaks as. */
  user: string;
  /** Command names offered by Tab completion (the registry's); none when omitted. */
  commands?: string[];
  /** Columns to wrap replies at; default: the output's `columns` when it is a terminal, else 80. */
  width?: number;
}

/** The shell adapter plus a promise that settles when input ends or the user types `exit`. */
export interface ShellAdapter extends ChatAdapter {
  /** Resolves when the shell has no more input. */
  readonly finished: Promise<void>;
  /** Prints a line of the bot's own status text. */
  say(text: string): void;
}

/**
 * A command typed in the shell (or run by the CLI) as the core's CommandEvent. The local
 * user owns the terminal, so they manage its channel.
 */
export function shellCommandEvent(who: { conversation: string; user: string }, name: string, text: string, raw: unknown = null): CommandEvent {
  const [platform = "shell", workspace = "local"] = who.conversation.split(":");
  return {
    kind: "command",
    name,
    text,
    platform,
    workspace,
    conversation: who.conversation,
    actor: { id: who.user, name: who.user, canManageChannel: async () => true },
    raw,
  };
}

/** Splits `/papers today tokenization` (or `today tokenization`) into name and text. */
export function parseShellLine(line: string): { name: string; text: string } {
  const stripped = line.trim().replace(/^\/?papers\b\s*/i, "").replace(/^\//, "");
  const match = /^(\S*)\s*([\s\S]*)$/.exec(stripped);
  return { name: (match?.[1] ?? "").toLowerCase(), text: (match?.[2] ?? "").trim() };
}

/**
 * A Hubot-style shell: reads `/papers ...` commands from a terminal (or, line by line,
 * from piped input) and prints the replies, wrapped at word boundaries to the terminal's
 * width; Tab completes command names. The local user manages their own channel.
 */
export function createShellAdapter(options: ShellAdapterOptions): ShellAdapter {
  let rl: Interface | null = null;
  let sent = 0;
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const width = () => options.width ?? ((options.output as { columns?: number }).columns || DEFAULT_COLUMNS);
  const print = (text: string) => options.output.write(`${wrapText(text, width())}\n`);
  const names = [...(options.commands ?? []), "exit"];
  const platform = options.conversation.split(":")[0] ?? "shell";

  async function loop(core: ChatCore, reader: Interface): Promise<void> {
    if (options.interactive) reader.prompt();
    for await (const line of reader) {
      const trimmed = line.trim();
      if (trimmed === "exit" || trimmed === "quit") break;
      if (trimmed.length > 0) {
        const { name, text } = parseShellLine(trimmed);
        const reply = await core.handle(shellCommandEvent(options, name, text, line));
        if (reply) print(renderText(reply));
      }
      if (options.interactive) reader.prompt();
    }
  }

  return {
    platform,
    limits: null,
    finished,
    say: print,
    async start(core) {
      const reader = createInterface({
        input: options.input,
        output: options.interactive ? options.output : undefined,
        prompt: "papers> ",
        terminal: options.interactive,
        ...(options.interactive ? { completer: (line: string) => completeCommand(names, line) } : {}),
      });
      rl = reader;
      loop(core, reader)
        .catch((err: unknown) => print(`shell stopped: ${(err as Error).message}`))
        .finally(() => {
          reader.close();
          resolveFinished();
        });
    },
    async stop() {
      rl?.close();
      resolveFinished();
    },
    async send(_conversation: string, message: OutboundMessage) {
      print(renderText(message));
      sent += 1;
      return `${options.conversation}:${sent}`;
    },
  };
}

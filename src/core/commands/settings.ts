import { z } from "zod";
import type { ChannelSettings } from "../digest/channel-settings-store.js";
import { describeNextPost, describeSchedule, describeSettings, settingsOrDefault } from "../digest/channel-status.js";
import { BotError } from "../errors.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";

/** The keys `/papers settings` changes. */
export const SETTING_KEYS = ["max", "min-upvotes", "mode", "catch-up", "thread"] as const;

/** One changeable setting: what it accepts, how it reads now, and how a value applies. */
interface SettingSpec {
  /** What values it takes, for messages. */
  allowed: string;
  /** Its current value as users type it. */
  current(s: ChannelSettings): string;
  /** The change for `value`, or null when the value is not allowed. */
  parse(value: string): Partial<ChannelSettings> | null;
}

function integerIn(min: number, max: number, value: string): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function oneOf<T extends string>(choices: readonly T[], value: string): T | null {
  return choices.find((c) => c === value) ?? null;
}

const ON = ["on", "yes", "true"];
const OFF = ["off", "no", "false"];

const SPECS: Record<(typeof SETTING_KEYS)[number], SettingSpec> = {
  max: {
    allowed: "a number from 1 to 25 (papers per post)",
    current: (s) => String(s.maxPapers),
    parse: (v) => {
      const n = integerIn(1, 25, v);
      return n === null ? null : { maxPapers: n };
    },
  },
  "min-upvotes": {
    allowed: "a number from 0 to 10000 (minimum Hugging Face upvotes)",
    current: (s) => String(s.minUpvotes),
    parse: (v) => {
      const n = integerIn(0, 10_000, v);
      return n === null ? null : { minUpvotes: n };
    },
  },
  mode: {
    allowed: "all (every paper of the day) or topics (only papers matching this channel's topics)",
    current: (s) => s.mode,
    parse: (v) => {
      const mode = oneOf(["all", "topics"] as const, v);
      return mode === null ? null : { mode };
    },
  },
  "catch-up": {
    allowed: "latest (after downtime, post only the most recent missed digest), all (every missed day, up to 7) or skip",
    current: (s) => s.catchUp,
    parse: (v) => {
      const catchUp = oneOf(["latest", "all", "skip"] as const, v);
      return catchUp === null ? null : { catchUp };
    },
  },
  thread: {
    allowed: "on (papers in a thread under the header) or off",
    current: (s) => (s.useThread ? "on" : "off"),
    parse: (v) => (ON.includes(v) ? { useThread: true } : OFF.includes(v) ? { useThread: false } : null),
  },
};

const KEYS_HINT = `Settings are ${SETTING_KEYS.join(", ")}, e.g. /papers settings max 5`;

/** `/papers settings [key value]`: shows this channel's digest settings (anyone), or changes one (channel managers). */
export const settingsCommand = defineCommand({
  name: "settings",
  description: "Show or change digest settings: max, min-upvotes, mode, catch-up, thread. Changing needs channel-manager rights.",
  options: [
    { name: "key", description: "Setting to change", type: "string", required: false, choices: [...SETTING_KEYS] },
    { name: "value", description: "New value, e.g. 5, topics, on", type: "string", required: false },
  ],
  args: z.object({
    key: z.enum(SETTING_KEYS, { message: KEYS_HINT }).optional(),
    value: z.string().trim().toLowerCase().max(50, "That value is too long").optional(),
  }),
  // Showing (no value given) is for everyone; setting a value changes the channel.
  requiresManager: (args) => args.value !== undefined,
  async run(args, ctx: CommandContext<Uses<"channelSettings" | "subscriptions" | "clock">>) {
    const { channelSettings, subscriptions, clock } = ctx.deps;
    const now = clock.now();
    const current = await settingsOrDefault(ctx.deps, ctx);
    const topics = (await subscriptions.list(ctx.conversation)).length;
    if (!args.key) {
      const lines = [
        `Schedule: ${describeSchedule(current)}. ${describeNextPost(current, now)}`,
        `Settings: ${describeSettings(current, topics)}.`,
        `Change one with /papers settings <key> <value>: ${SETTING_KEYS.map((k) => `${k} ${SPECS[k].allowed}`).join("; ")}.`,
      ];
      return { blocks: lines.map((text) => ({ kind: "text" as const, text })), fallbackText: lines.join("\n"), ephemeral: true };
    }
    const spec = SPECS[args.key];
    if (!args.value) throw new BotError("INVALID_ARGS", `${args.key} is ${spec.current(current)} here; it takes ${spec.allowed}, e.g. /papers settings ${args.key} ${spec.current(current)}.`);
    const change = spec.parse(args.value);
    if (!change) throw new BotError("INVALID_ARGS", `"${args.value.slice(0, 30)}" is not allowed for ${args.key}: it takes ${spec.allowed}.`);
    const next = { ...current, ...change, updatedAt: now.toISOString() };
    const before = spec.current(current);
    const after = spec.current(next);
    if (before === after) return textReply(`${args.key} is already ${after} here; nothing changed.`);
    await channelSettings.put(next);
    const topicsHint = next.mode === "topics" && topics === 0 ? " This channel follows no topics yet, so nothing would be posted: add one with /papers subscribe <topic>." : "";
    return textReply(`Set ${args.key} to ${after} (was ${before}). ${describeNextPost(next, now)}${topicsHint}`);
  },
});

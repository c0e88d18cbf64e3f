import { z } from "zod";
import { BotError } from "../errors.js";
import { describeNextPost, describeSchedule, settingsOrDefault } from "../digest/channel-status.js";
import { isDaysSpec, isPostTime, parseDays, parsePostTime, parseTimezone } from "../digest/delivery-times.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";

const TIME_HINT = "Give the post time as 24-hour HH:MM, e.g. 09:00 or 17:30, or off to stop the daily post";

/** Splits the words after the time into a timezone (one word) and a days spec (the rest). */
export function splitZoneAndDays(text: string): { timezone: string | null; days: string | null } {
  const words = text.split(/\s+/).filter(Boolean);
  const zones: string[] = [];
  const days: string[] = [];
  for (const word of words) {
    const bare = word.replace(/^,+|,+$/g, "");
    if (bare === "") continue;
    if (isDaysSpec(bare)) days.push(bare);
    else if (bare.includes("/") || /^[A-Z]/.test(bare) || (zones.length === 0 && isZone(bare))) zones.push(bare);
    else days.push(bare);
  }
  if (zones.length > 1) {
    throw new BotError("INVALID_ARGS", `I could not tell which of ${zones.map((z) => `"${z.slice(0, 30)}"`).join(" and ")} is the timezone; give one name like Europe/Paris, then days like mon-fri.`);
  }
  return { timezone: zones[0] ?? null, days: days.length > 0 ? days.join(",") : null };
}

function isZone(word: string): boolean {
  try {
    parseTimezone(word);
    return true;
  } catch {
    return false;
  }
}

/** `/papers schedule <HH:MM> [timezone] [days]` (or `off`): sets when this channel's daily digest posts. */
export const scheduleCommand = defineCommand({
  name: "schedule",
  description: "Set the daily post: HH:MM, zone, days (e.g. 09:00 Europe/Paris mon-fri) or off. Needs channel-manager rights.",
  options: [
    { name: "time", description: "Local time, 24-hour HH:MM (e.g. 09:00), or off to stop the daily post", type: "string", required: true },
    { name: "timezone", description: "IANA timezone, e.g. Europe/Paris (default: the channel's current one, UTC at first)", type: "string", required: false },
    { name: "days", description: "mon-fri, weekdays, weekends, daily or mon,wed,fri (default: the current days, every day at first)", type: "string", required: false, rest: true },
  ],
  args: z.object({
    time: z
      .string({ message: TIME_HINT })
      .trim()
      .refine((t) => t.toLowerCase() === "off" || isPostTime(t), { message: TIME_HINT }),
    timezone: z.string().trim().max(100, "That timezone is too long; use a name like Europe/Paris").optional(),
    days: z.string().trim().max(100, "Too many days; use e.g. mon-fri or mon,wed,fri").optional(),
  }),
  requiresManager: true,
  async run(args, ctx: CommandContext<Uses<"channelSettings" | "subscriptions" | "clock">>) {
    const { channelSettings, clock } = ctx.deps;
    const now = clock.now();
    const current = await settingsOrDefault(ctx.deps, ctx);
    if (args.time.toLowerCase() === "off") {
      if (current.postTime === null) return textReply("This channel has no daily post; nothing changed. /papers schedule 09:00 Europe/Paris sets one.");
      await channelSettings.put({ ...current, postTime: null, updatedAt: now.toISOString() });
      return textReply(`Turned the daily post off here (it was ${describeSchedule(current)}). /papers schedule 09:00 Europe/Paris turns it back on.`);
    }
    const postTime = parsePostTime(args.time);
    const split = splitZoneAndDays([args.timezone, args.days].filter(Boolean).join(" "));
    const timezone = split.timezone ? parseTimezone(split.timezone) : current.timezone;
    const days = split.days ? parseDays(split.days) : current.days;
    const next = { ...current, postTime, timezone, days, updatedAt: now.toISOString() };
    await channelSettings.put(next);
    const was = current.postTime === null ? "" : ` (was ${describeSchedule(current)})`;
    const topicsHint =
      next.mode === "topics" && (await ctx.deps.subscriptions.list(ctx.conversation)).length === 0
        ? " This channel posts only papers matching its topics and follows none yet: add one with /papers subscribe <topic>."
        : "";
    return textReply(`Daily digest here: ${describeSchedule(next)}${was}. ${describeNextPost(next, now)}${topicsHint}`);
  },
});

import { z } from "zod";
import { describeSchedule, formatUtc, settingsOrDefault } from "../digest/channel-status.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";

/** `/papers pause`: stops this channel's daily digest until `/papers resume`. */
export const pauseCommand = defineCommand({
  name: "pause",
  description: "Pause the daily digest here until /papers resume (no catch-up). Needs channel-manager rights.",
  options: [],
  args: z.object({}),
  requiresManager: true,
  async run(_args, ctx: CommandContext<Uses<"channelSettings" | "clock">>) {
    const { channelSettings, clock } = ctx.deps;
    const now = clock.now().toISOString();
    const current = await settingsOrDefault(ctx.deps, ctx);
    if (current.paused) return textReply(`The daily digest here is already paused (${current.pausedReason ?? "no reason recorded"}). /papers resume restarts it.`);
    const who = ctx.actor.name ?? ctx.actor.id;
    await channelSettings.put({ ...current, paused: true, pausedReason: `paused by ${who} at ${formatUtc(now)} with /papers pause`, updatedAt: now });
    const schedule = current.postTime === null ? " (no daily post is scheduled here anyway)" : ` (schedule kept: ${describeSchedule(current)})`;
    return textReply(`Paused the daily digest here${schedule}. Nothing is posted until /papers resume, and paused days are not caught up.`);
  },
});

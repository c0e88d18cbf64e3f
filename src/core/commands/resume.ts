import { z } from "zod";
import { describeNextPost, settingsOrDefault } from "../digest/channel-status.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";
import { textReply } from "../chat/present-paper.js";

/** `/papers resume`: restarts a paused digest and clears the failure count. */
export const resumeCommand = defineCommand({
  name: "resume",
  description: "Resume the daily digest after a pause (by hand or for failed posts). Needs channel-manager rights.",
  options: [],
  args: z.object({}),
  requiresManager: true,
  async run(_args, ctx: CommandContext<Uses<"channelSettings" | "clock">>) {
    const { channelSettings, clock } = ctx.deps;
    const now = clock.now();
    const current = await settingsOrDefault(ctx.deps, ctx);
    if (!current.paused && current.failureCount === 0) return textReply(`The daily digest here is not paused; nothing changed. ${describeNextPost(current, now)}`);
    const next = { ...current, paused: false, pausedReason: null, failureCount: 0, updatedAt: now.toISOString() };
    await channelSettings.put(next);
    const was = current.pausedReason ? ` (it was ${current.pausedReason})` : "";
    const access = current.lastError ? ` The last failed post said "${current.lastError}"; if the bot still lacks access here, it pauses again after repeated failures.` : "";
    return textReply(`Resumed the daily digest here${was}. ${describeNextPost(next, now)}${access}`);
  },
});

import { z } from "zod";
import { channelStatus, formatChannelStatus } from "../digest/channel-status.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";

/** `/papers status`: schedule, next post, last delivery, pauses and the sources' last ingests. */
export const statusCommand = defineCommand({
  name: "status",
  description: "Schedule, next post, last delivery and outcome, pause reason, and each source's last fetch.",
  options: [],
  args: z.object({}),
  async run(_args, ctx: CommandContext<Uses<"channelSettings" | "ingestRuns" | "ledger" | "subscriptions" | "clock">>) {
    const fields = formatChannelStatus(await channelStatus(ctx.deps, ctx), ctx.deps.clock.now());
    return {
      blocks: [{ kind: "header", text: "Papers bot status for this channel" }, { kind: "fields", fields }],
      fallbackText: fields.map((f) => `${f.label}: ${f.value}`).join("\n"),
      ephemeral: true,
    };
  },
});

import { z } from "zod";
import { channelStatus, formatChannelStatus } from "../digest/channel-status.js";
import type { Uses } from "./command-deps.js";
import { defineCommand, type CommandContext } from "./define-command.js";

/** `/papers status`: schedule, next post, last delivery (and which instance sent it), pauses, the sources' last ingests and the store. */
export const statusCommand = defineCommand({
  name: "status",
  description: "Schedule, next post, last delivery, its outcome and the instance that sent it, pause reason, each source's last fetch, and the store in use.",
  options: [],
  args: z.object({}),
  async run(_args, ctx: CommandContext<Uses<"channelSettings" | "ingestRuns" | "ledger" | "subscriptions" | "clock" | "deployment">>) {
    const fields = formatChannelStatus(await channelStatus(ctx.deps, ctx), ctx.deps.clock.now(), ctx.deps.deployment);
    return {
      blocks: [{ kind: "header", text: "Papers bot status for this channel" }, { kind: "fields", fields }],
      fallbackText: fields.map((f) => `${f.label}: ${f.value}`).join("\n"),
      ephemeral: true,
    };
  },
});

import { z } from "zod";
import { channelStatus, formatChannelStatus } from "../digest/channel-status.js";
import { defineCommand } from "./define-command.js";

/** `/papers status`: schedule, next post, last delivery, pauses and the sources' last ingests. */
export const statusCommand = defineCommand({
  name: "status",
  description: "Schedule, next post, last delivery and outcome, pause reason, and each source's last fetch.",
  options: [],
  args: z.object({}),
  async run(_args, ctx) {
    const fields = formatChannelStatus(channelStatus(ctx.deps, ctx), ctx.deps.clock.now());
    return {
      blocks: [{ kind: "header", text: "Papers bot status for this channel" }, { kind: "fields", fields }],
      fallbackText: fields.map((f) => `${f.label}: ${f.value}`).join("\n"),
      ephemeral: true,
    };
  },
});

import type { InboundEvent, OutboundMessage } from "./chat/message.js";
import type { CommandRegistry } from "./commands/index.js";
import { runCommand } from "./commands/run-command.js";
import { noopTelemetry } from "./telemetry.js";
import type { CoreDeps } from "./core-deps.js";
import { recordReaction } from "./votes/record-reaction.js";

/** Buttons the core puts on paper messages, mapped to the command they run with the button's value. */
const BUTTON_COMMANDS: Record<string, string> = { summary: "summary", upvote: "upvote" };

/** The core's single entry point for adapters: routes an inbound event and returns the reply (or null). */
export function createInboundHandler(registry: CommandRegistry, deps: CoreDeps) {
  const telemetry = deps.telemetry ?? noopTelemetry;
  const answered = (name: string, reply: OutboundMessage): OutboundMessage => {
    telemetry.commandAnswered(name, reply.failure ? reply.failure.toLowerCase() : "ok");
    return reply;
  };
  return async function handleInbound(event: InboundEvent): Promise<OutboundMessage | null> {
    switch (event.kind) {
      case "command":
        return answered(registry.find(event.name.trim() || "help")?.name ?? "unknown", await runCommand(registry, deps, event));
      case "button": {
        const name = BUTTON_COMMANDS[event.action];
        if (!name) {
          deps.logger.warn({ action: event.action, conversation: event.conversation }, "unknown button ignored");
          return null;
        }
        return answered(name, await runCommand(registry, deps, { ...event, kind: "command", name, text: event.value, options: undefined }));
      }
      case "reaction": {
        const outcome = recordReaction(deps, event, deps.upvoteEmoji, deps.clock.now().toISOString());
        if (outcome !== "bot" && outcome !== "not-an-upvote" && outcome !== "not-a-paper") telemetry.voteEvent("reaction", outcome);
        deps.logger.debug({ conversation: event.conversation, messageRef: event.messageRef, outcome }, "reaction handled");
        return null;
      }
    }
  };
}

import type { InboundEvent, OutboundMessage } from "./chat/message.js";
import type { CommandRegistry } from "./commands/index.js";
import { runCommand } from "./commands/run-command.js";
import type { CoreDeps } from "./core-deps.js";
import { recordReaction } from "./votes/record-reaction.js";

/** Buttons the core puts on paper messages, mapped to the command they run with the button's value. */
const BUTTON_COMMANDS: Record<string, string> = { summary: "summary", upvote: "upvote" };

/** The core's single entry point for adapters: routes an inbound event and returns the reply (or null). */
export function createInboundHandler(registry: CommandRegistry, deps: CoreDeps) {
  return async function handleInbound(event: InboundEvent): Promise<OutboundMessage | null> {
    switch (event.kind) {
      case "command":
        return runCommand(registry, deps, event);
      case "button": {
        const name = BUTTON_COMMANDS[event.action];
        if (!name) {
          deps.logger.warn({ action: event.action, conversation: event.conversation }, "unknown button ignored");
          return null;
        }
        return runCommand(registry, deps, { ...event, kind: "command", name, text: event.value, options: undefined });
      }
      case "reaction": {
        const outcome = recordReaction(deps, event, deps.upvoteEmoji, deps.clock.now().toISOString());
        deps.logger.debug({ conversation: event.conversation, messageRef: event.messageRef, outcome }, "reaction handled");
        return null;
      }
    }
  };
}

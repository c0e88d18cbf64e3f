import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";
import { classifySlackError } from "./classify-slack-error.js";
import { withRateLimitWaits } from "./list-reactions.js";

/** Answers "may this user change this channel's subscriptions and schedule?". */
export type ChannelRights = (userId: string, channelId: string) => Promise<boolean>;

/**
 * Slack rights through the Web API: workspace admins and owners (`users.info`, scope
 * users:read) may manage every channel; otherwise the channel's creator (`conversations.info`,
 * scopes channels:read / groups:read), or the user of a direct message with the bot. Any
 * API failure answers false and is logged, so a missing scope refuses rather than allows.
 */
export function createChannelRights(client: webApi.WebClient, logger: Logger): ChannelRights {
  return async (userId, channelId) => {
    try {
      const { user } = await withRateLimitWaits(() => client.users.info({ user: userId }));
      if (user?.is_admin || user?.is_owner || user?.is_primary_owner) return true;
      if (user?.is_bot) return false;
      const { channel } = await withRateLimitWaits(() => client.conversations.info({ channel: channelId }));
      if (!channel) return false;
      if (channel.is_im) return (channel as { user?: string }).user === userId;
      return channel.creator === userId;
    } catch (err) {
      const { reason } = classifySlackError(err);
      logger.warn({ userId, channelId, reason }, "could not check Slack channel rights; refusing");
      return false;
    }
  };
}

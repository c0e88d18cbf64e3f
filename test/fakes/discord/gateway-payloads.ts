import { apiUser, snowflake, type FakeUser } from "./fake-objects.js";

/** Manage Channels plus View Channel and Send Messages. */
export const MANAGER_PERMISSIONS = String(16 | 1024 | 2048);
/** View Channel and Send Messages only. */
export const MEMBER_PERMISSIONS = String(1024 | 2048);

/** Where an interaction happens: a guild channel, or a DM when guildId is absent. */
export interface Place {
  /** Guild id; absent for DMs. */
  guildId?: string;
  /** Channel id. */
  channelId: string;
}

/** A typed option as the gateway sends it (3 string, 4 integer). */
export interface ApiOption {
  /** Option name. */
  name: string;
  /** Option type. */
  type: number;
  /** Value. */
  value: string | number;
  /** True for the option being autocompleted. */
  focused?: boolean;
}

function base(place: Place, user: FakeUser, permissions: string, applicationId: string): Record<string, unknown> {
  const id = snowflake();
  const who = place.guildId
    ? { guild_id: place.guildId, guild_locale: "en-US", member: { user: apiUser(user), roles: [], permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null } }
    : { user: apiUser(user) };
  return {
    id,
    application_id: applicationId,
    token: `itoken-${id}`,
    version: 1,
    channel_id: place.channelId,
    channel: { id: place.channelId, type: place.guildId ? 0 : 1, ...(place.guildId ? { guild_id: place.guildId, name: "papers" } : {}) },
    locale: "en-US",
    app_permissions: "2251799813685247",
    entitlements: [],
    authorizing_integration_owners: place.guildId ? { "0": place.guildId } : { "1": user.id },
    context: place.guildId ? 0 : 2,
    attachment_size_limit: 10_485_760,
    ...who,
  };
}

/** An INTERACTION_CREATE for `/<command> <sub> options...` (type 2, or 4 for autocomplete). */
export function commandInteraction(opts: { place: Place; user: FakeUser; applicationId: string; sub: string | null; options?: ApiOption[]; permissions?: string; command?: string; autocomplete?: boolean }): Record<string, unknown> {
  const options = opts.sub === null ? (opts.options ?? []) : [{ type: 1, name: opts.sub, options: opts.options ?? [] }];
  return {
    ...base(opts.place, opts.user, opts.permissions ?? MEMBER_PERMISSIONS, opts.applicationId),
    type: opts.autocomplete ? 4 : 2,
    data: { id: snowflake(), name: opts.command ?? "papers", type: 1, options, ...(opts.place.guildId ? { guild_id: opts.place.guildId } : {}) },
  };
}

/** An INTERACTION_CREATE for a button press on `message` (a stored API message object). */
export function buttonInteraction(opts: { place: Place; user: FakeUser; applicationId: string; customId: string; message: Record<string, unknown> }): Record<string, unknown> {
  return {
    ...base(opts.place, opts.user, MEMBER_PERMISSIONS, opts.applicationId),
    type: 3,
    data: { custom_id: opts.customId, component_type: 2 },
    message: opts.message,
  };
}

/** A MESSAGE_REACTION_ADD or _REMOVE dispatch body (removals carry no member, as on Discord). */
export function reactionPacket(opts: { guildId: string; channelId: string; messageId: string; user: FakeUser; emoji: string; added: boolean; authorId?: string }): Record<string, unknown> {
  return {
    user_id: opts.user.id,
    channel_id: opts.channelId,
    message_id: opts.messageId,
    guild_id: opts.guildId,
    emoji: { id: null, name: opts.emoji },
    burst: false,
    type: 0,
    ...(opts.added
      ? { member: { user: apiUser(opts.user), roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }, message_author_id: opts.authorId, burst_colors: [] }
      : {}),
  };
}

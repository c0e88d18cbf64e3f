/** Objects in the shapes Discord's API returns, built for the fake Discord. */

let nextId = 1_300_000_000_000_000_000n;

/** A fresh snowflake (19 digits, increasing), time-based like Discord's so `?after=<snowflake of a time>` works. */
export function snowflake(): string {
  const timed = (BigInt(Date.now()) - 1_420_070_400_000n) << 22n;
  nextId = timed > nextId ? timed : nextId + 1n;
  return nextId.toString();
}

/** A fake user. */
export interface FakeUser {
  /** Snowflake. */
  id: string;
  /** Username. */
  username: string;
  /** True for bots. */
  bot?: boolean;
}

/** A fake guild text channel. */
export interface FakeChannel {
  /** Snowflake. */
  id: string;
  /** Channel name. */
  name: string;
  /** Owning guild. */
  guildId: string;
  /** Channel type (0 text, 11 public thread). */
  type: number;
  /** Parent channel for threads. */
  parentId?: string;
}

/** A fake guild. */
export interface FakeGuild {
  /** Snowflake. */
  id: string;
  /** Guild name. */
  name: string;
  /** Text channels. */
  channels: FakeChannel[];
}

/** A message the fake stores. */
export interface FakeMessage {
  /** Snowflake. */
  id: string;
  /** Channel. */
  channelId: string;
  /** Guild, when in a guild. */
  guildId?: string;
  /** Author. */
  author: FakeUser;
  /** Body fields as posted (content, embeds, components, ...). */
  body: Record<string, unknown>;
  /** Emoji name → users who reacted, in order. */
  reactions: Map<string, string[]>;
}

/** A user object as the API sends it. */
export function apiUser(user: FakeUser): Record<string, unknown> {
  return { id: user.id, username: user.username, discriminator: "0", global_name: null, avatar: null, bot: user.bot ?? false };
}

/** A channel object as the API sends it. */
export function apiChannel(channel: FakeChannel): Record<string, unknown> {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    guild_id: channel.guildId,
    position: 0,
    permission_overwrites: [],
    ...(channel.parentId ? { parent_id: channel.parentId, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } } : {}),
  };
}

/** A GUILD_CREATE payload: the guild with its channels and the @everyone role. */
export function apiGuild(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: "1",
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    nsfw_level: 0,
    features: [],
    emojis: [],
    stickers: [],
    roles: [{ id: guild.id, name: "@everyone", permissions: "3072", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    channels: guild.channels.filter((c) => c.type === 0).map((c) => apiChannel(c)),
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    preferred_locale: "en-US",
    system_channel_flags: 0,
    application_id: null,
  };
}

/** A message object as the API sends it. */
export function apiMessage(message: FakeMessage): Record<string, unknown> {
  return {
    type: 0,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    content: "",
    embeds: [],
    components: [],
    ...message.body,
    id: message.id,
    channel_id: message.channelId,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    author: apiUser(message.author),
    reactions: [...message.reactions.entries()]
      .filter(([, users]) => users.length > 0)
      .map(([name, users]) => ({ emoji: { id: null, name }, count: users.length, count_details: { burst: 0, normal: users.length }, me: false, me_burst: false, burst_colors: [] })),
  };
}

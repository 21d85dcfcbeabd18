import type {
  APIChannel,
  APIDMChannel,
  APIGuild,
  APIGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIOverwrite,
  APIReaction,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
} from "discord-api-types/v10";
import { ChannelType, Locale, OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";
import { DiscordApiError } from "./DiscordApiError.js";
import { NO_FLAGS } from "./noFlags.js";
import type {
  ChannelRecord,
  GuildRecord,
  InteractionRecord,
  MemberRecord,
  MessageRecord,
  RoleRecord,
  ThreadType,
} from "./records.js";
import type { SnowflakeGenerator } from "./SnowflakeGenerator.js";

/** Every permission bit there is (what owners and administrators have). */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce(
  (all, bit) => all | bit,
  0n,
);

/** What the bot's role grants unless a test says otherwise: a typical, non-admin bot. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.ManageThreads |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

/**
 * What @everyone may do in a new guild: Discord's default, the value discord.js knows as
 * `PermissionsBitField.Default` (taken as a number so this server does not depend on the client
 * it tests).
 */
export const DEFAULT_MEMBER_PERMISSIONS = 104_324_673n;

export interface NewGuild {
  readonly name: string;
  /** Pick the guild id so it belongs to this shard: [shardId, shardCount]. */
  readonly shard?: readonly [number, number];
  readonly botPermissions?: bigint;
  readonly everyonePermissions?: bigint;
}

export interface NewChannel {
  readonly name: string;
  readonly topic?: string;
  /** Permissions denied to the bot here (as a member overwrite on the channel). */
  readonly denyBot?: bigint;
}

/**
 * Everything the local Discord knows: users, guilds, roles, channels, messages, interactions.
 * Lookups throw the DiscordApiError Discord would answer with; `*Json` methods serve records
 * the way the API and gateway show them. It does not dispatch: the services around it do.
 */
export class DiscordState {
  readonly snowflakes: SnowflakeGenerator;
  readonly botUser: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly roles = new Map<string, RoleRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Users who do not accept DMs from the bot (its messages to them get 50007). */
  readonly closedDms = new Set<string>();
  readonly #origin: () => string;

  constructor(snowflakes: SnowflakeGenerator, botUsername: string, origin: () => string) {
    this.snowflakes = snowflakes;
    this.#origin = origin;
    this.botUser = this.addUser(botUsername, true);
  }

  /** The application's id is the bot user's id, as for every bot made since 2019. */
  get applicationId(): string {
    return this.botUser.id;
  }

  get origin(): string {
    return this.#origin();
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (user === undefined) {
      throw DiscordApiError.unknownUser();
    }
    return user;
  }

  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (guild === undefined) {
      throw DiscordApiError.unknownGuild();
    }
    return guild;
  }

  channel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (channel === undefined) {
      throw DiscordApiError.unknownChannel();
    }
    return channel;
  }

  /** Whether the bot is in the guild (it can leave, be removed, and be added back). */
  botIsIn(guildId: string): boolean {
    return this.guilds.get(guildId)?.members.has(this.botUser.id) === true;
  }

  /** A guild as the bot's requests reach it: 50001 Missing Access when the bot is not in it. */
  botGuild(id: string): GuildRecord {
    const guild = this.guild(id);
    if (!this.botIsIn(id)) {
      throw DiscordApiError.missingAccess();
    }
    return guild;
  }

  /** A channel as the bot's requests reach it: 50001 when it is in a guild the bot is not in. */
  botChannel(id: string): ChannelRecord {
    const channel = this.channel(id);
    if (channel.guildId !== null) {
      this.botGuild(channel.guildId);
    }
    return channel;
  }

  member(guildId: string, userId: string): MemberRecord {
    const member = this.guild(guildId).members.get(userId);
    if (member === undefined) {
      throw DiscordApiError.unknownMember();
    }
    return member;
  }

  /** A message as the bot may see it: in that channel, not ephemeral, not deleted. */
  message(channelId: string, messageId: string): MessageRecord {
    this.channel(channelId);
    const record = this.messages.get(messageId);
    if (record === undefined || record.message.channel_id !== channelId || record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    return record;
  }

  addUser(username: string, bot = false): APIUser {
    const user: APIUser = {
      id: this.snowflakes.next(),
      username,
      discriminator: bot ? "0001" : "0",
      global_name: bot ? null : username,
      avatar: null,
      ...(bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  addGuild(input: NewGuild): GuildRecord {
    const id =
      input.shard === undefined
        ? this.snowflakes.next()
        : this.snowflakes.nextOnShard(input.shard[0], input.shard[1]);
    const owner = this.addUser(`${input.name} owner`);
    const systemChannelId = this.snowflakes.next();
    const botRoleId = this.snowflakes.next();
    const guild: GuildRecord = {
      id,
      name: input.name,
      ownerId: owner.id,
      systemChannelId,
      botRoleId,
      channelIds: [],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    this.addRole(
      id,
      id,
      "@everyone",
      input.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS,
      null,
    );
    this.addRole(
      id,
      botRoleId,
      this.botUser.username,
      input.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      this.botUser.id,
    );
    this.addMember(id, this.botUser.id, [botRoleId]);
    this.addMember(id, owner.id, []);
    this.addChannel(guild.id, { name: "general" }, systemChannelId);
    return guild;
  }

  addRole(
    guildId: string,
    id: string,
    name: string,
    permissions: bigint,
    botId: string | null,
  ): RoleRecord {
    const role: RoleRecord = {
      id,
      guildId,
      name,
      permissions,
      position: [...this.roles.values()].filter((other) => other.guildId === guildId).length,
      botId,
    };
    this.roles.set(id, role);
    return role;
  }

  addMember(guildId: string, userId: string, roleIds: string[]): MemberRecord {
    const member: MemberRecord = { userId, roleIds, joinedAt: new Date().toISOString() };
    this.guild(guildId).members.set(userId, member);
    return member;
  }

  removeMember(guildId: string, userId: string): void {
    this.guild(guildId).members.delete(userId);
  }

  addChannel(guildId: string, input: NewChannel, id = this.snowflakes.next()): ChannelRecord {
    const guild = this.guild(guildId);
    const channel: ChannelRecord = {
      id,
      type: ChannelType.GuildText,
      name: input.name,
      guildId,
      parentId: null,
      topic: input.topic ?? null,
      position: guild.channelIds.length,
      recipientId: null,
      ownerId: null,
      autoArchiveDuration: 1440,
      denyBot: input.denyBot ?? 0n,
      messageIds: [],
      lastMessageId: null,
    };
    this.channels.set(id, channel);
    guild.channelIds.push(id);
    return channel;
  }

  addThread(
    parent: ChannelRecord,
    input: {
      id: string;
      name: string;
      type: ThreadType;
      ownerId: string;
      autoArchiveDuration: ChannelRecord["autoArchiveDuration"];
    },
  ): ChannelRecord {
    const guild = this.guild(parent.guildId ?? "");
    const thread: ChannelRecord = {
      id: input.id,
      type: input.type,
      name: input.name,
      guildId: guild.id,
      parentId: parent.id,
      topic: null,
      position: 0,
      recipientId: null,
      ownerId: input.ownerId,
      autoArchiveDuration: input.autoArchiveDuration,
      denyBot: 0n,
      messageIds: [],
      lastMessageId: null,
    };
    this.channels.set(thread.id, thread);
    guild.channelIds.push(thread.id);
    return thread;
  }

  /** The DM channel between the bot and a user, made on first use. */
  dmChannel(userId: string): ChannelRecord {
    this.user(userId);
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipientId === userId) {
        return channel;
      }
    }
    const channel: ChannelRecord = {
      id: this.snowflakes.next(),
      type: ChannelType.DM,
      name: "",
      guildId: null,
      parentId: null,
      topic: null,
      position: 0,
      recipientId: userId,
      ownerId: null,
      autoArchiveDuration: 1440,
      denyBot: 0n,
      messageIds: [],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** A member's permissions in a guild, or in a channel of it (owner and Administrator: all). */
  permissions(guildId: string, userId: string, channelId?: string): bigint {
    const guild = this.guild(guildId);
    if (guild.ownerId === userId) {
      return ALL_PERMISSIONS;
    }
    const member = this.member(guildId, userId);
    let permissions = this.roles.get(guildId)?.permissions ?? 0n;
    for (const roleId of member.roleIds) {
      permissions |= this.roles.get(roleId)?.permissions ?? 0n;
    }
    if ((permissions & PermissionFlagsBits.Administrator) !== 0n) {
      return ALL_PERMISSIONS;
    }
    if (channelId !== undefined && userId === this.botUser.id) {
      permissions &= ~this.overwriteChannel(this.channel(channelId)).denyBot;
    }
    return permissions;
  }

  /** What the bot may do in a channel (DMs: the usual DM permissions). */
  botPermissionsIn(channel: ChannelRecord): bigint {
    if (channel.guildId === null) {
      return (
        PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.AddReactions |
        PermissionFlagsBits.ReadMessageHistory |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.AttachFiles
      );
    }
    return this.permissions(channel.guildId, this.botUser.id, channel.id);
  }

  /** Throws 50013 unless the bot has every one of `required` in the channel. */
  requireBotPermission(channel: ChannelRecord, required: bigint): void {
    if ((this.botPermissionsIn(channel) & required) !== required) {
      throw DiscordApiError.missingPermissions();
    }
  }

  memberJson(guildId: string, userId: string): APIGuildMember {
    const member = this.member(guildId, userId);
    return {
      user: this.user(userId),
      nick: null,
      avatar: null,
      roles: [...member.roleIds],
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: NO_FLAGS,
      pending: false,
      communication_disabled_until: null,
    };
  }

  interactionMemberJson(
    guildId: string,
    userId: string,
    channelId: string,
  ): APIInteractionGuildMember {
    return {
      ...this.memberJson(guildId, userId),
      permissions: String(this.permissions(guildId, userId, channelId)),
    };
  }

  roleJson(role: RoleRecord): APIRole {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      position: role.position,
      permissions: String(role.permissions),
      managed: role.botId !== null,
      mentionable: false,
      flags: NO_FLAGS,
      ...(role.botId === null ? {} : { tags: { bot_id: role.botId } }),
    };
  }

  guildRoles(guildId: string): APIRole[] {
    return [...this.roles.values()]
      .filter((role) => role.guildId === guildId)
      .map((role) => this.roleJson(role));
  }

  channelJson(channel: ChannelRecord): APIChannel {
    if (channel.type === ChannelType.DM) {
      return this.dmJson(channel);
    }
    return channel.type === ChannelType.GuildText
      ? this.textChannelJson(channel)
      : this.threadJson(channel);
  }

  dmJson(channel: ChannelRecord): APIDMChannel {
    return {
      id: channel.id,
      type: ChannelType.DM,
      name: null,
      recipients: [this.user(channel.recipientId ?? "")],
      last_message_id: channel.lastMessageId,
      flags: NO_FLAGS,
    };
  }

  textChannelJson(channel: ChannelRecord): APITextChannel {
    return {
      id: channel.id,
      type: ChannelType.GuildText,
      guild_id: channel.guildId ?? undefined,
      name: channel.name,
      position: channel.position,
      parent_id: null,
      topic: channel.topic,
      nsfw: false,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      permission_overwrites: this.#overwrites(channel),
      flags: NO_FLAGS,
    };
  }

  threadJson(channel: ChannelRecord): APIThreadChannel {
    return {
      id: channel.id,
      type:
        channel.type === ChannelType.PrivateThread
          ? ChannelType.PrivateThread
          : ChannelType.PublicThread,
      guild_id: channel.guildId ?? undefined,
      name: channel.name,
      parent_id: channel.parentId ?? undefined,
      owner_id: channel.ownerId ?? undefined,
      last_message_id: channel.lastMessageId,
      message_count: channel.messageIds.length,
      total_message_sent: channel.messageIds.length,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: NO_FLAGS,
      thread_metadata: {
        archived: false,
        auto_archive_duration: channel.autoArchiveDuration,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
  }

  guildJson(guild: GuildRecord): APIGuild {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.guildRoles(guild.id),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.systemChannelId,
      system_channel_flags: NO_FLAGS,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: Locale.EnglishUS,
      nsfw_level: 0,
      hub_type: null,
      incidents_data: null,
    };
  }

  guildCreateJson(guild: GuildRecord): GatewayGuildCreateDispatchData {
    const channels = guild.channelIds.map((id) => this.channel(id));
    return {
      ...this.guildJson(guild),
      joined_at: this.member(guild.id, this.botUser.id).joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.keys()].map((userId) => this.memberJson(guild.id, userId)),
      channels: channels
        .filter((channel) => channel.type === ChannelType.GuildText)
        .map((channel) => this.textChannelJson(channel)),
      threads: channels
        .filter((channel) => channel.parentId !== null)
        .map((thread) => this.threadJson(thread)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** A message as served: with reactions (`me` for the bot) and its thread. */
  messageJson(record: MessageRecord): APIMessage {
    const reactions = [...record.reactions.values()].map(
      (reaction): APIReaction => ({
        emoji: reaction.emoji,
        count: reaction.userIds.size,
        count_details: { burst: 0, normal: reaction.userIds.size },
        me: reaction.userIds.has(this.botUser.id),
        me_burst: false,
        burst_colors: [],
      }),
    );
    const thread = record.threadId === null ? undefined : this.channels.get(record.threadId);
    return {
      ...record.message,
      ...(reactions.length > 0 ? { reactions } : {}),
      ...(thread === undefined ? {} : { thread: this.channelJson(thread) }),
    };
  }

  #overwrites(channel: ChannelRecord): APIOverwrite[] {
    return channel.denyBot === 0n
      ? []
      : [
          {
            id: this.botUser.id,
            type: OverwriteType.Member,
            allow: "0",
            deny: String(channel.denyBot),
          },
        ];
  }

  /** The channel whose overwrites apply: a thread's parent, else the channel itself. */
  overwriteChannel(channel: ChannelRecord): ChannelRecord {
    return channel.parentId === null ? channel : this.channel(channel.parentId);
  }
}

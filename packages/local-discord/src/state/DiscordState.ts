import type { APIUser } from "discord-api-types/v10";
import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import type { SnowflakeGenerator } from "../SnowflakeGenerator.js";
import { ChannelStore } from "./ChannelStore.js";
import {
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  DM_PERMISSIONS,
} from "./defaultPermissions.js";
import { GuildStore } from "./GuildStore.js";
import { MessageStore } from "./MessageStore.js";
import type { ChannelRecord, GuildRecord, MessageRecord, ThreadType } from "./records.js";
import { UserStore } from "./UserStore.js";

/** A guild to create (see `addGuild`). */
export interface NewGuild {
  readonly name: string;
  /** Pick the guild id so it belongs to this shard: [shardId, shardCount]. */
  readonly shard?: readonly [number, number];
  readonly botPermissions?: bigint;
  readonly everyonePermissions?: bigint;
}

/** A guild text channel to create (see `addChannel`). */
export interface NewChannel {
  readonly name: string;
  readonly topic?: string;
  /** Permissions denied to the bot here (as a member overwrite on the channel). */
  readonly denyBot?: bigint;
}

/** A thread to create in a text channel (see `addThread`): its id, name, kind and owner. */
export interface NewThread {
  readonly id: string;
  readonly name: string;
  readonly type: ThreadType;
  readonly ownerId: string;
  readonly autoArchiveDuration: ChannelRecord["autoArchiveDuration"];
}

/**
 * Everything the local Discord knows: users, guilds (with roles and members), channels and
 * messages, each kept by its store. Lookups throw the DiscordApiError Discord would answer
 * with. It neither dispatches nor serves: the services and serializers around it do.
 */
export class DiscordState {
  readonly snowflakes: SnowflakeGenerator;
  readonly users: UserStore;
  readonly guilds = new GuildStore();
  readonly channels = new ChannelStore();
  readonly messages = new MessageStore();
  readonly botUser: APIUser;
  /** The user who owns the bot's application (in no guild). */
  readonly applicationOwner: APIUser;
  readonly #origin: () => string;

  constructor(snowflakes: SnowflakeGenerator, botUsername: string, origin: () => string) {
    this.snowflakes = snowflakes;
    this.users = new UserStore(snowflakes);
    this.#origin = origin;
    this.botUser = this.users.add(botUsername, true);
    this.applicationOwner = this.users.add(`${botUsername}'s owner`);
  }

  /** The application's id is the bot user's id, as for every bot made since 2019. */
  get applicationId(): string {
    return this.botUser.id;
  }

  /** Where the server listens ("http://127.0.0.1:PORT"), for attachment URLs. */
  get origin(): string {
    return this.#origin();
  }

  /** Whether the bot is in the guild (it can leave, be removed, and be added back). */
  botIsIn(guildId: string): boolean {
    return this.guilds.isMember(guildId, this.botUser.id);
  }

  /** A guild as the bot's requests reach it: 50001 Missing Access when the bot is not in it. */
  botGuild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!this.botIsIn(id)) {
      throw DiscordApiError.missingAccess();
    }
    return guild;
  }

  /** A channel as the bot's requests reach it: 50001 when it is in a guild the bot is not in. */
  botChannel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (channel.guildId !== null) {
      this.botGuild(channel.guildId);
    }
    return channel;
  }

  /** A message as the bot may see it: in that channel, not ephemeral, not deleted. */
  messageIn(channelId: string, messageId: string): MessageRecord {
    this.channels.get(channelId);
    const record = this.messages.find(messageId);
    if (record === undefined || record.message.channel_id !== channelId || record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    return record;
  }

  /** A guild with an owner, @everyone, the bot with its role, and #general. */
  addGuild(input: NewGuild): GuildRecord {
    const id =
      input.shard === undefined
        ? this.snowflakes.next()
        : this.snowflakes.nextOnShard(input.shard[0], input.shard[1]);
    const owner = this.users.add(`${input.name} owner`);
    const guild: GuildRecord = {
      id,
      name: input.name,
      ownerId: owner.id,
      systemChannelId: this.snowflakes.next(),
      botRoleId: this.snowflakes.next(),
    };
    this.guilds.add(guild);
    const everyone = input.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS;
    this.guilds.addRole(id, id, "@everyone", everyone, null);
    const botPermissions = input.botPermissions ?? DEFAULT_BOT_PERMISSIONS;
    this.guilds.addRole(
      id,
      guild.botRoleId,
      this.botUser.username,
      botPermissions,
      this.botUser.id,
    );
    this.guilds.addMember(id, this.botUser.id, [guild.botRoleId]);
    this.guilds.addMember(id, owner.id, []);
    this.addChannel(guild.id, { name: "general" }, guild.systemChannelId);
    return guild;
  }

  /** A text channel at the bottom of the guild's list. */
  addChannel(guildId: string, input: NewChannel, id = this.snowflakes.next()): ChannelRecord {
    const guild = this.guilds.get(guildId);
    return this.channels.add({
      id,
      type: ChannelType.GuildText,
      name: input.name,
      guildId: guild.id,
      parentId: null,
      topic: input.topic ?? null,
      position: this.channels.inGuild(guild.id).length,
      recipientId: null,
      ownerId: null,
      autoArchiveDuration: 1440,
      denyBot: input.denyBot ?? 0n,
      lastMessageId: null,
    });
  }

  addThread(parent: ChannelRecord, input: NewThread): ChannelRecord {
    const guild = this.guilds.get(parent.guildId ?? "");
    return this.channels.add({
      ...input,
      guildId: guild.id,
      parentId: parent.id,
      topic: null,
      position: 0,
      recipientId: null,
      denyBot: 0n,
      lastMessageId: null,
    });
  }

  /** The DM channel between the bot and a user, made on first use. */
  dmChannel(userId: string): ChannelRecord {
    this.users.get(userId);
    return (
      this.channels.dmWith(userId) ??
      this.channels.add({
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
        lastMessageId: null,
      })
    );
  }

  /** Deletes a guild channel with its threads and the messages of both. */
  removeChannel(channelId: string): void {
    const channel = this.channels.get(channelId);
    const removed = this.channels
      .inGuild(channel.guildId ?? "")
      .filter((candidate) => candidate.id === channelId || candidate.parentId === channelId);
    for (const gone of removed) {
      this.messages.removeChannel(gone.id);
      this.channels.remove(gone.id);
    }
  }

  /** A member's permissions in a guild, or in a channel of it (owner and Administrator: all). */
  permissions(guildId: string, userId: string, channelId?: string): bigint {
    const guild = this.guilds.get(guildId);
    if (guild.ownerId === userId) {
      return ALL_PERMISSIONS;
    }
    const member = this.guilds.member(guildId, userId);
    let permissions = this.guilds.findRole(guildId)?.permissions ?? 0n;
    for (const roleId of member.roleIds) {
      permissions |= this.guilds.findRole(roleId)?.permissions ?? 0n;
    }
    if ((permissions & PermissionFlagsBits.Administrator) !== 0n) {
      return ALL_PERMISSIONS;
    }
    if (channelId !== undefined && userId === this.botUser.id) {
      permissions &= ~this.#overwriteChannel(this.channels.get(channelId)).denyBot;
    }
    return permissions;
  }

  /** What the bot may do in a channel (DMs: the usual DM permissions). */
  botPermissionsIn(channel: ChannelRecord): bigint {
    if (channel.guildId === null) {
      return DM_PERMISSIONS;
    }
    return this.permissions(channel.guildId, this.botUser.id, channel.id);
  }

  /** Throws 50013 unless the bot has every one of `required` in the channel. */
  requireBotPermission(channel: ChannelRecord, required: bigint): void {
    if ((this.botPermissionsIn(channel) & required) !== required) {
      throw DiscordApiError.missingPermissions();
    }
  }

  /** The channel whose overwrites apply: a thread's parent, else the channel itself. */
  #overwriteChannel(channel: ChannelRecord): ChannelRecord {
    return channel.parentId === null ? channel : this.channels.get(channel.parentId);
  }
}

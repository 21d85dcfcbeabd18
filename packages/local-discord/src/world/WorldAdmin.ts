import type { APIUser } from "discord-api-types/v10";
import { GatewayDispatchEvents, PermissionFlagsBits } from "discord-api-types/v10";
import type { BotMembership } from "../BotMembership.js";
import type { ChangeFeed } from "../ChangeFeed.js";
import type { Dispatcher } from "../gateway/DispatchPayloads.js";
import { toApiTextChannel } from "../serialize/toApiChannel.js";
import { toApiMember } from "../serialize/toApiMember.js";
import { toApiRole } from "../serialize/toApiRole.js";
import { toGuildCreate } from "../serialize/toGuildCreate.js";
import type { DiscordState, NewGuild } from "../state/DiscordState.js";

/** A permission by its discord.js name: "SendMessages", "AddReactions", ... */
export type PermissionName = keyof typeof PermissionFlagsBits;

export interface CreatedGuild {
  readonly id: string;
  readonly name: string;
  /** #general. */
  readonly systemChannelId: string;
  /** A member who owns the guild (all permissions). */
  readonly ownerId: string;
  /** The @everyone role (same id as the guild). */
  readonly everyoneRoleId: string;
  readonly botRoleId: string;
}

export interface CreatedChannel {
  readonly id: string;
  readonly name: string;
  readonly guildId: string;
}

export interface CreatedMember {
  readonly id: string;
  readonly username: string;
  readonly guildId: string;
}

/** A text channel to create; `denyBot` takes permissions away from the bot there. */
export interface ChannelInput {
  readonly name: string;
  readonly topic?: string;
  readonly denyBot?: readonly PermissionName[];
}

/** A member to add: a new user, with a role of exactly `permissions` if given. */
export interface MemberInput {
  readonly username: string;
  readonly permissions?: bigint;
  readonly roleIds?: readonly string[];
}

/**
 * What tests do as Discord's admins: guilds, channels, roles, members and users, their DMs,
 * and the bot's membership of guilds; each change is dispatched as Discord would.
 */
export class WorldAdmin {
  readonly #state: DiscordState;
  readonly #dispatcher: Dispatcher;
  readonly #membership: BotMembership;
  readonly #changes: ChangeFeed;

  constructor(
    state: DiscordState,
    dispatcher: Dispatcher,
    membership: BotMembership,
    changes: ChangeFeed,
  ) {
    this.#state = state;
    this.#dispatcher = dispatcher;
    this.#membership = membership;
    this.#changes = changes;
  }

  createGuild(input: NewGuild): CreatedGuild {
    const guild = this.#state.addGuild(input);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.GuildCreate,
      toGuildCreate(this.#state, guild),
      {
        guildId: guild.id,
      },
    );
    this.#changes.notify();
    return {
      id: guild.id,
      name: guild.name,
      systemChannelId: guild.systemChannelId,
      ownerId: guild.ownerId,
      everyoneRoleId: guild.id,
      botRoleId: guild.botRoleId,
    };
  }

  createChannel(guildId: string, input: ChannelInput): CreatedChannel {
    const channel = this.#state.addChannel(guildId, {
      name: input.name,
      ...(input.topic === undefined ? {} : { topic: input.topic }),
      denyBot: permissionBits(input.denyBot ?? []),
    });
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.ChannelCreate,
      { ...toApiTextChannel(this.#state, channel), guild_id: guildId },
      { guildId },
    );
    this.#changes.notify();
    return { id: channel.id, name: channel.name, guildId };
  }

  deleteChannel(channelId: string): void {
    const channel = this.#state.channels.get(channelId);
    const guildId = channel.guildId;
    if (guildId === null || channel.parentId !== null) {
      throw new Error(`deleteChannel: ${channelId} is not a guild text channel`);
    }
    const guild = this.#state.guilds.get(guildId);
    if (guild.systemChannelId === channelId) {
      throw new Error(`deleteChannel: ${channelId} is the guild's system channel`);
    }
    const json = { ...toApiTextChannel(this.#state, channel), guild_id: guildId };
    this.#state.removeChannel(channelId);
    this.#dispatcher.dispatch(GatewayDispatchEvents.ChannelDelete, json, { guildId });
    this.#changes.notify();
  }

  denyBot(channelId: string, permissions: readonly PermissionName[]): void {
    this.#state.channels.setDenyBot(channelId, permissionBits(permissions));
    this.#changes.notify();
  }

  createRole(
    guildId: string,
    input: { readonly name: string; readonly permissions: bigint },
  ): string {
    const role = this.#state.guilds.addRole(
      guildId,
      this.#state.snowflakes.next(),
      input.name,
      input.permissions,
      null,
    );
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.GuildRoleCreate,
      { guild_id: guildId, role: toApiRole(role) },
      { guildId },
    );
    this.#changes.notify();
    return role.id;
  }

  addMember(guildId: string, input: MemberInput): CreatedMember {
    const user = this.#state.users.add(input.username);
    const roleIds = [...(input.roleIds ?? [])];
    if (input.permissions !== undefined) {
      roleIds.push(
        this.createRole(guildId, {
          name: `${input.username}'s permissions`,
          permissions: input.permissions,
        }),
      );
    }
    this.#state.guilds.addMember(guildId, user.id, roleIds);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.GuildMemberAdd,
      { ...toApiMember(this.#state, guildId, user.id), guild_id: guildId },
      { guildId },
    );
    this.#changes.notify();
    return { id: user.id, username: user.username, guildId };
  }

  createUser(username: string): APIUser {
    return this.#state.users.add(username);
  }

  dmChannel(userId: string): string {
    return this.#state.dmChannel(userId).id;
  }

  closeDms(userId: string): void {
    this.#state.users.closeDms(userId);
    this.#changes.notify();
  }

  openDms(userId: string): void {
    this.#state.users.openDms(userId);
    this.#changes.notify();
  }

  botIsIn(guildId: string): boolean {
    return this.#state.botIsIn(this.#state.guilds.get(guildId).id);
  }

  removeBot(guildId: string): void {
    if (!this.botIsIn(guildId)) {
      throw new Error(`removeBot: the bot is not in server ${guildId}`);
    }
    this.#membership.remove(guildId);
  }

  addBot(guildId: string): void {
    if (this.botIsIn(guildId)) {
      throw new Error(`addBot: the bot is already in server ${guildId}`);
    }
    this.#membership.add(guildId);
  }
}

function permissionBits(names: readonly PermissionName[]): bigint {
  return names.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}

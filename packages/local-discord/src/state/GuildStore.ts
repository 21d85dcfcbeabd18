import { DiscordApiError } from "../DiscordApiError.js";
import type { GuildRecord, MemberRecord, RoleRecord } from "./records.js";

/** The guilds, their roles and their members. */
export class GuildStore {
  readonly #guilds = new Map<string, GuildRecord>();
  readonly #roles = new Map<string, RoleRecord>();
  /** Each guild's roles, @everyone first (found without a walk over every guild's). */
  readonly #rolesByGuild = new Map<string, RoleRecord[]>();
  /** Each guild's members by user id, in the order they joined. */
  readonly #members = new Map<string, Map<string, MemberRecord>>();

  /** Keeps a new guild, with no members yet. */
  add(guild: GuildRecord): void {
    this.#guilds.set(guild.id, guild);
    this.#members.set(guild.id, new Map());
  }

  /** The guild with this id; 10004 Unknown Guild when there is none. */
  get(id: string): GuildRecord {
    const guild = this.#guilds.get(id);
    if (guild === undefined) {
      throw DiscordApiError.unknownGuild();
    }
    return guild;
  }

  /** The guild with this id, if there is one. */
  find(id: string): GuildRecord | undefined {
    return this.#guilds.get(id);
  }

  /** Every guild, oldest first. */
  all(): GuildRecord[] {
    return [...this.#guilds.values()];
  }

  /** A new role, placed above the guild's other roles. */
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
      position: this.rolesOf(guildId).length,
      botId,
    };
    this.#roles.set(id, role);
    this.#rolesByGuild.set(guildId, [...this.rolesOf(guildId), role]);
    return role;
  }

  /** The role with this id, if there is one. */
  findRole(id: string): RoleRecord | undefined {
    return this.#roles.get(id);
  }

  /** The guild's roles, @everyone first. */
  rolesOf(guildId: string): RoleRecord[] {
    return [...(this.#rolesByGuild.get(guildId) ?? [])];
  }

  /** The user joins the guild with these roles (a member again: joined now). */
  addMember(guildId: string, userId: string, roleIds: readonly string[]): MemberRecord {
    const member: MemberRecord = { userId, roleIds, joinedAt: new Date().toISOString() };
    this.#membersOf(guildId).set(userId, member);
    return member;
  }

  removeMember(guildId: string, userId: string): void {
    this.#membersOf(guildId).delete(userId);
  }

  /** The user's membership of the guild; 10007 Unknown Member when they are not in it. */
  member(guildId: string, userId: string): MemberRecord {
    const member = this.#membersOf(guildId).get(userId);
    if (member === undefined) {
      throw DiscordApiError.unknownMember();
    }
    return member;
  }

  /** Whether the user is in the guild; false for a guild there is not. */
  isMember(guildId: string, userId: string): boolean {
    return this.#members.get(guildId)?.has(userId) === true;
  }

  /** The ids of the guild's members, in the order they joined. */
  memberIds(guildId: string): string[] {
    return [...this.#membersOf(guildId).keys()];
  }

  memberCount(guildId: string): number {
    return this.#membersOf(guildId).size;
  }

  #membersOf(guildId: string): Map<string, MemberRecord> {
    const members = this.#members.get(guildId);
    if (members === undefined) {
      throw DiscordApiError.unknownGuild();
    }
    return members;
  }
}

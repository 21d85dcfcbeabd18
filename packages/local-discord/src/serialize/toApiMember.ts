import type { APIGuildMember, APIInteractionGuildMember } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { DiscordState } from "../state/DiscordState.js";

/** A guild member as the API and gateway show them, with their user. */
export function toApiMember(state: DiscordState, guildId: string, userId: string): APIGuildMember {
  const member = state.guilds.member(guildId, userId);
  return {
    user: state.users.get(userId),
    nick: null,
    avatar: null,
    banner: null,
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

/** A member as an interaction carries them: with their permissions in its channel. */
export function toApiInteractionMember(
  state: DiscordState,
  guildId: string,
  userId: string,
  channelId: string,
): APIInteractionGuildMember {
  return {
    ...toApiMember(state, guildId, userId),
    permissions: String(state.permissions(guildId, userId, channelId)),
  };
}

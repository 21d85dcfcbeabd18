import type { GatewayGuildCreateDispatchData } from "discord-api-types/v10";
import { ChannelType } from "discord-api-types/v10";
import type { DiscordState } from "../state/DiscordState.js";
import type { GuildRecord } from "../state/records.js";
import { toApiTextChannel, toApiThread } from "./toApiChannel.js";
import { toApiGuild } from "./toApiGuild.js";
import { toApiMember } from "./toApiMember.js";

/** GUILD_CREATE's data: the guild with its members, text channels and threads. */
export function toGuildCreate(
  state: DiscordState,
  guild: GuildRecord,
): GatewayGuildCreateDispatchData {
  const channels = state.channels.inGuild(guild.id);
  const memberIds = state.guilds.memberIds(guild.id);
  return {
    ...toApiGuild(state, guild),
    joined_at: state.guilds.member(guild.id, state.botUser.id).joinedAt,
    large: false,
    unavailable: false,
    member_count: memberIds.length,
    voice_states: [],
    members: memberIds.map((userId) => toApiMember(state, guild.id, userId)),
    channels: channels
      .filter((channel) => channel.type === ChannelType.GuildText)
      .map((channel) => toApiTextChannel(state, channel)),
    threads: channels
      .filter((channel) => channel.parentId !== null)
      .map((thread) => toApiThread(state, thread)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

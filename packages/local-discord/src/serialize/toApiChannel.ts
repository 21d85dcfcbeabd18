import type {
  APIChannel,
  APIDMChannel,
  APIOverwrite,
  APITextChannel,
  APIThreadChannel,
} from "discord-api-types/v10";
import { ChannelType, OverwriteType } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { ChannelRecord } from "../state/records.js";

/** A channel as the API shows it: a DM, a guild text channel or a thread. */
export function toApiChannel(state: DiscordState, channel: ChannelRecord): APIChannel {
  if (channel.type === ChannelType.DM) {
    return toApiDmChannel(state, channel);
  }
  return channel.type === ChannelType.GuildText
    ? toApiTextChannel(state, channel)
    : toApiThread(state, channel);
}

export function toApiDmChannel(state: DiscordState, channel: ChannelRecord): APIDMChannel {
  return {
    id: channel.id,
    type: ChannelType.DM,
    name: null,
    recipients: [state.users.get(channel.recipientId ?? "")],
    last_message_id: channel.lastMessageId,
    flags: NO_FLAGS,
  };
}

/** A guild text channel, with the bot's member overwrite when it is denied anything there. */
export function toApiTextChannel(state: DiscordState, channel: ChannelRecord): APITextChannel {
  const overwrites: APIOverwrite[] =
    channel.denyBot === 0n
      ? []
      : [
          {
            id: state.botUser.id,
            type: OverwriteType.Member,
            allow: "0",
            deny: String(channel.denyBot),
          },
        ];
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
    permission_overwrites: overwrites,
    flags: NO_FLAGS,
  };
}

/** A thread, never archived; its message count includes ephemeral messages. */
export function toApiThread(state: DiscordState, channel: ChannelRecord): APIThreadChannel {
  const messageCount = state.messages.inChannel(channel.id).length;
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
    message_count: messageCount,
    total_message_sent: messageCount,
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

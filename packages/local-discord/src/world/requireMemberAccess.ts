import type { DiscordState } from "../state/DiscordState.js";

/** Members act only where they are: guild members in their guild, DM users in their DM. */
export function requireMemberAccess(state: DiscordState, userId: string, channelId: string): void {
  const channel = state.channels.get(channelId);
  state.users.get(userId);
  if (
    channel.guildId === null
      ? channel.recipientId !== userId
      : !state.guilds.isMember(channel.guildId, userId)
  ) {
    throw new Error(`User ${userId} cannot act in channel ${channelId}: not a member there`);
  }
}

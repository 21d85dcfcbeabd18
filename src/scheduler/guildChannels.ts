import { type Client, PermissionFlagsBits } from "discord.js";

/** What the bot needs in a reading channel to post drops and seed their reactions. */
const DROP_PERMISSIONS = {
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
  AddReactions: PermissionFlagsBits.AddReactions,
} as const;

export function channelInGuild(client: Client, channelId: string, guildId: string): boolean {
  return client.guilds.cache.get(guildId)?.channels.cache.has(channelId) ?? false;
}

/** Why the bot cannot post drops in a channel (as the member should read it), or undefined. */
export function channelProblem(
  client: Client,
  guildId: string,
  channelId: string,
): string | undefined {
  const guild = client.guilds.cache.get(guildId);
  const channel = guild?.channels.cache.get(channelId);
  if (guild === undefined || channel === undefined || !channel.isTextBased()) {
    return "That is not a text channel of this server that I can see.";
  }
  const me = guild.members.me;
  const granted = me === null ? null : channel.permissionsFor(me);
  const missing = Object.entries(DROP_PERMISSIONS)
    .filter(([, bit]) => granted === null || !granted.has(bit))
    .map(([name]) => name.replace(/([a-z])([A-Z])/g, "$1 $2"));
  return missing.length === 0
    ? undefined
    : `I am missing these permissions in <#${channelId}>: ${missing.join(", ")}.`;
}

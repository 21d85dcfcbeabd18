import {
  type Client,
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  type Guild,
  type GuildBasedChannel,
  PermissionFlagsBits,
} from "discord.js";

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

/**
 * Why the bot cannot post drops in a channel (as the member should read it), or undefined. The
 * client keeps only the channels in `kept`: one the authors name for the first time is added and
 * fetched, once, and kept from then on.
 */
export async function channelProblem(
  client: Client,
  kept: Set<string>,
  guildId: string,
  channelId: string,
): Promise<string | undefined> {
  const guild = client.guilds.cache.get(guildId);
  const channel = guild === undefined ? undefined : await keptChannel(guild, kept, channelId);
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

/**
 * The server's channel from the cache, or fetched and kept from then on; undefined when the bot
 * cannot see it. Other failures (Discord down) are thrown, to be answered as such.
 */
async function keptChannel(
  guild: Guild,
  kept: Set<string>,
  channelId: string,
): Promise<GuildBasedChannel | undefined> {
  const cached = guild.channels.cache.get(channelId);
  if (cached !== undefined) return cached;
  kept.add(channelId);
  try {
    return (await guild.channels.fetch(channelId)) ?? undefined;
  } catch (error) {
    const unseen =
      (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) ||
      (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.GuildChannelUnowned);
    if (!unseen) throw error;
    kept.delete(channelId);
    return undefined;
  }
}

import type { LocalDiscordOptions } from "local-discord";
import {
  type CreatedChannel,
  type CreatedGuild,
  type CreatedMember,
  LocalDiscord,
} from "local-discord";

/** A local Discord with one server ready for the bot: a #reading channel, a reader and an author. */
export interface LocalServer {
  readonly discord: LocalDiscord;
  readonly guild: CreatedGuild;
  readonly reading: CreatedChannel;
  readonly reader: CreatedMember;
  readonly author: CreatedMember;
  /** The settings that point the bot at this server (token, API, channel, author). */
  readonly env: Readonly<Record<string, string>>;
}

export async function startLocalServer(options: LocalDiscordOptions = {}): Promise<LocalServer> {
  const discord = await LocalDiscord.start({ interactionTimeoutMs: 3000, ...options });
  const guild = discord.createGuild({ name: "Serial Sandbox" });
  const reading = discord.createChannel(guild.id, { name: "reading" });
  const reader = discord.addMember(guild.id, { username: "reader" });
  const author = discord.addMember(guild.id, { username: "author" });
  const env = {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    READING_CHANNEL_ID: reading.id,
    AUTHOR_IDS: author.id,
  };
  return { discord, guild, reading, reader, author, env };
}

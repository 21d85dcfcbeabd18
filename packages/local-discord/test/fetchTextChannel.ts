import { type Client, TextChannel } from "discord.js";

/** Fetches a guild text channel through discord.js (REST), failing clearly otherwise. */
export async function fetchTextChannel(client: Client, id: string): Promise<TextChannel> {
  const channel = await client.channels.fetch(id);
  if (!(channel instanceof TextChannel)) {
    throw new Error(`Channel ${id} is not a guild text channel`);
  }
  return channel;
}

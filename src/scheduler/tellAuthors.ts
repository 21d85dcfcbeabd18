import { type Client, DiscordAPIError, Routes } from "discord.js";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { AuthorNotice } from "./AuthorNotice.js";

const channel = z.object({ id: z.string() });

/** Discord's code for "Cannot send messages to this user" (DMs closed, or no server shared). */
const CANNOT_DM = 50007;

/**
 * Tells a server's authors about a problem with its drops: the public words in the server's
 * system channel, the details by DM to the server's owner and the users in AUTHOR_IDS (each DM
 * channel opened once). A user whose DMs turn out closed is not DMed again until the bot
 * restarts, so no request is spent that Discord is sure to refuse. Never rejects: what cannot be
 * sent is logged.
 */
export function tellAuthors(
  client: Client,
  log: Logger,
  authorIds: ReadonlySet<string>,
): (guildId: string, notice: AuthorNotice) => Promise<void> {
  const closedDms = new Set<string>();
  /** DM channels already opened: one request fewer for each later notice. */
  const dmChannels = new Map<string, string>();
  const send = async (guildId: string, channelId: string, content: string) => {
    await client.rest.post(Routes.channelMessages(channelId), {
      body: { content: `⚠️ ${content}`, allowed_mentions: { parse: [] } },
    });
    log.debug({ guildId, channelId }, "authors told");
  };
  const dm = async (guildId: string, userId: string, content: string) => {
    try {
      const channelId =
        dmChannels.get(userId) ??
        channel.parse(
          await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
        ).id;
      dmChannels.set(userId, channelId);
      await send(guildId, channelId, content);
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === CANNOT_DM) closedDms.add(userId);
      log.warn({ guildId, userId, err: error }, "could not DM an author");
    }
  };
  return async (guildId, notice) => {
    const guild = client.guilds.cache.get(guildId);
    const systemChannelId = guild?.systemChannelId ?? null;
    if (systemChannelId === null) {
      log.warn({ guildId, warning: notice.public }, "no system channel to warn the authors in");
    } else {
      await send(guildId, systemChannelId, notice.public).catch((error: unknown) =>
        log.error(
          { guildId, channelId: systemChannelId, err: error },
          "could not warn the authors",
        ),
      );
    }
    const recipients = new Set([...authorIds, ...(guild === undefined ? [] : [guild.ownerId])]);
    const where = guild === undefined ? "" : ` (in ${guild.name})`;
    for (const userId of recipients) {
      if (!closedDms.has(userId)) await dm(guildId, userId, `${notice.details}${where}`);
    }
  };
}

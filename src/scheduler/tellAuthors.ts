import type { Client } from "discord.js";
import type { Logger } from "../logger.js";
import type { AuthorDms } from "./AuthorDms.js";
import type { AuthorNotice } from "./AuthorNotice.js";

/**
 * Tells a server's authors about a problem with its drops: the public words in the server's
 * system channel, the details by DM to the server's owner and the users in AUTHOR_IDS (see
 * AuthorDms). Never rejects: what cannot be sent is logged.
 */
export function tellAuthors(
  client: Client,
  log: Logger,
  authorIds: ReadonlySet<string>,
  dms: AuthorDms,
): (guildId: string, notice: AuthorNotice) => Promise<void> {
  return async (guildId, notice) => {
    const guild = client.guilds.cache.get(guildId);
    const systemChannelId = guild?.systemChannelId ?? null;
    if (systemChannelId === null) {
      log.warn({ guildId, warning: notice.public }, "no system channel to warn the authors in");
    } else {
      await dms
        .post(systemChannelId, notice.public)
        .catch((error: unknown) =>
          log.error(
            { guildId, channelId: systemChannelId, err: error },
            "could not warn the authors",
          ),
        );
    }
    const recipients = new Set([...authorIds, ...(guild === undefined ? [] : [guild.ownerId])]);
    const where = guild === undefined ? "" : ` (in ${guild.name})`;
    for (const userId of recipients)
      await dms.send(userId, `${notice.details}${where}`, { guildId });
  };
}

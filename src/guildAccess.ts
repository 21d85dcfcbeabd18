import { type Client, Routes } from "discord.js";
import type { Logger } from "./logger.js";

/** Which servers the bot serves, and leaving the others. */
export interface GuildAccess {
  serves(guildId: string): boolean;
  /** Leaves a server the bot does not serve (once, however often it is asked); never rejects. */
  leave(guildId: string, why: string): Promise<void>;
}

/**
 * With ALLOWED_GUILD_IDS set, the bot serves only those servers and leaves any other that adds
 * it; without, it serves every server it is in.
 */
export function guildAccess(
  client: Client,
  allowed: ReadonlySet<string> | undefined,
  log: Logger,
): GuildAccess {
  const leaving = new Set<string>();
  return {
    serves: (guildId) => allowed === undefined || allowed.has(guildId),
    async leave(guildId, why) {
      if (leaving.has(guildId)) return;
      leaving.add(guildId);
      log.warn({ guildId, why }, "leaving a server that is not in ALLOWED_GUILD_IDS");
      try {
        await client.rest.delete(Routes.userGuild(guildId));
      } catch (error) {
        leaving.delete(guildId);
        log.error({ guildId, err: error }, "could not leave a server");
      }
    },
  };
}

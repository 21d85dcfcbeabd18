import { type Client, DiscordAPIError, RESTJSONErrorCodes, Routes } from "discord.js";
import { z } from "zod";
import type { Logger } from "../logger.js";

const channel = z.object({ id: z.string() });

/**
 * Direct messages to authors, each DM channel opened once. A user whose DMs turn out closed is
 * not DMed again until the bot restarts, so no request is spent that Discord is sure to refuse.
 * Never rejects: what cannot be sent is logged.
 */
export class AuthorDms {
  readonly #closed = new Set<string>();
  readonly #channels = new Map<string, string>();

  constructor(
    private readonly client: Client,
    private readonly log: Logger,
  ) {}

  /** Posts a warning in a channel (a server's system channel, or a DM channel). */
  async post(channelId: string, content: string): Promise<void> {
    await this.client.rest.post(Routes.channelMessages(channelId), {
      body: { content: `⚠️ ${content}`, allowed_mentions: { parse: [] } },
    });
    this.log.debug({ channelId }, "authors told");
  }

  async send(userId: string, content: string, where: { guildId?: string } = {}): Promise<void> {
    if (this.#closed.has(userId)) return;
    try {
      const channelId =
        this.#channels.get(userId) ??
        channel.parse(
          await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
        ).id;
      this.#channels.set(userId, channelId);
      await this.post(channelId, content);
    } catch (error) {
      if (
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
      )
        this.#closed.add(userId);
      this.log.warn({ ...where, userId, err: error }, "could not DM an author");
    }
  }
}

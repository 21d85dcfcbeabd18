import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import { z } from "zod";
import type { Book } from "../core/Book.js";
import type { Drop } from "../core/drop.js";
import { dropNotice } from "../core/dropNotice.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";

export interface DropNotifierOptions {
  readonly rest: Pick<REST, "post">;
  readonly store: Store;
  /** The story as it is now (a reload swaps it). */
  readonly book: () => Book;
  readonly log: Logger;
  readonly clock: () => Date;
}

const channel = z.object({ id: z.string() });

/**
 * DMs each member who asked with /notify about a posted drop, once, in words that fit where they
 * are. A member whose DMs turn out closed is unsubscribed and told so at their next use of the
 * bot, instead of being DMed (and refused, a request Discord counts against the bot) at every drop.
 */
export class DropNotifier {
  readonly #options: DropNotifierOptions;

  constructor(options: DropNotifierOptions) {
    this.#options = options;
  }

  async notify(drop: Drop): Promise<void> {
    const { rest, store, log, clock } = this.#options;
    const book = this.#options.book();
    const dropped = book.part(drop.partId);
    if (dropped === undefined) return;
    const releasedBefore = new Set(store.releases.releasedIds(drop.guildId, drop.storyId));
    releasedBefore.delete(drop.partId);
    for (const userId of store.notices.subscribers(drop.guildId, drop.storyId)) {
      if (!store.notices.claim(drop, userId, clock())) continue;
      const position = store.progress.get({ guildId: drop.guildId, userId, storyId: drop.storyId });
      try {
        const dm = channel.parse(
          await rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
        );
        await rest.post(Routes.channelMessages(dm.id), {
          body: {
            content: dropNotice(book, dropped, releasedBefore, position),
            allowed_mentions: { parse: [] },
          },
        });
      } catch (error) {
        const where = { guildId: drop.guildId, userId, partId: drop.partId };
        if (
          error instanceof DiscordAPIError &&
          error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser
        ) {
          store.transaction(() => {
            store.notices.unsubscribe(drop.guildId, drop.storyId, userId);
            store.notes.add(drop.guildId, userId, "dms-closed", clock());
          });
          log.info(where, "the member's DMs are closed; unsubscribed from drop notices");
        } else {
          log.warn({ ...where, err: error }, "could not send a drop notice");
        }
      }
    }
  }
}

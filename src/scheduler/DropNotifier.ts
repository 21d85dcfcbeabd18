import { type REST, Routes } from "discord.js";
import { z } from "zod";
import type { Book } from "../core/Book.js";
import type { Drop } from "../core/drop.js";
import { dropNotice } from "../core/dropNotice.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";

export interface DropNotifierOptions {
  readonly rest: REST;
  readonly store: Store;
  readonly book: Book;
  readonly log: Logger;
  readonly clock: () => Date;
}

const channel = z.object({ id: z.string() });

/** DMs each member who asked with /notify about a posted drop, once, in words that fit where they are. */
export class DropNotifier {
  readonly #options: DropNotifierOptions;

  constructor(options: DropNotifierOptions) {
    this.#options = options;
  }

  async notify(drop: Drop): Promise<void> {
    const { rest, store, book, log, clock } = this.#options;
    const dropped = book.part(drop.partId);
    if (dropped === undefined) return;
    const releasedBefore = store.releases.releasedIds(drop.guildId, drop.storyId);
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
        log.warn(
          { guildId: drop.guildId, userId, partId: drop.partId, err: error },
          "could not send a drop notice",
        );
      }
    }
  }
}

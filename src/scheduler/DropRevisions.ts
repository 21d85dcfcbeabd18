import { DiscordAPIError, RESTJSONErrorCodes, Routes } from "discord.js";
import { z } from "zod";
import type { Book, BookPart } from "../core/Book.js";
import type { Drop, EffectiveSettings } from "../core/drop.js";
import { partLabel } from "../core/partLabel.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { dropMessages } from "../views/dropMessages.js";
import { revisedNote } from "../views/revisedNote.js";
import type { DropRest } from "./DropPoster.js";

export interface DropRevisionsOptions {
  readonly rest: Pick<DropRest, "patch" | "post" | "put">;
  readonly store: Store;
  /** The story as it is now (a reload swaps it). */
  readonly book: () => Book;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly settingsFor: (guildId: string) => EffectiveSettings;
}

const posted = z.object({ id: z.string() });

/**
 * Brings the reading channel's copy of each dropped part up to the part's text, once it was
 * edited: in place when the new pages fit the messages posted, else as the server's authors
 * chose (see `Revisions`). A drop keeps the digest of the text its channel copy shows, so a
 * change is seen however it came (a reload, or an edit while the bot was down) and handled once.
 */
export class DropRevisions {
  readonly #options: DropRevisionsOptions;

  constructor(options: DropRevisionsOptions) {
    this.#options = options;
  }

  /** Revises every dropped part of the story in a server whose text changed since its drop. */
  async reviseIn(guildId: string): Promise<void> {
    const { store } = this.#options;
    const book = this.#options.book();
    const storyId = book.story.meta.id;
    for (const { drop, goneMessages } of store.drops.posted(guildId, storyId)) {
      const bookPart = book.part(drop.partId);
      // A part taken out of the story leaves its channel copy as it was.
      if (bookPart === undefined) continue;
      const { digest } = bookPart;
      if (drop.textDigest === undefined) {
        store.drops.adoptDigest(guildId, storyId, drop.partId, digest);
      } else if (drop.textDigest !== digest) {
        await this.#revise(drop, book, bookPart, digest, goneMessages === 0);
      }
    }
  }

  async #revise(
    drop: Drop,
    book: Book,
    bookPart: BookPart,
    digest: string,
    whole: boolean,
  ): Promise<void> {
    const { store, log, clock, rest, settingsFor } = this.#options;
    const where = { guildId: drop.guildId, channelId: drop.channelId, partId: drop.partId };
    const settings = settingsFor(drop.guildId);
    const messages = dropMessages(book, bookPart, settings.pingRoleId);
    if (whole && messages.length === drop.messageIds.length) {
      try {
        for (const [page, messageId] of drop.messageIds.entries()) {
          const { embeds, content } = messages[page] ?? {};
          await rest.patch(Routes.channelMessage(drop.channelId, messageId), {
            body: { embeds, content: content ?? "", allowed_mentions: { parse: [] } },
          });
        }
        store.drops.setDigest(drop, digest, clock());
        log.info({ ...where, pages: messages.length }, "dropped part revised in place");
        return;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage))
          throw error;
        log.info(
          { ...where },
          "a message of a revised drop is gone; revising as the authors chose",
        );
      }
    }
    if (settings.revisions === "note") {
      await rest.post(Routes.channelMessages(drop.channelId), {
        body: {
          content: revisedNote(bookPart.part),
          allowed_mentions: { parse: [] },
          ...(drop.messageIds[0] === undefined
            ? {}
            : { message_reference: { message_id: drop.messageIds[0], fail_if_not_exists: false } }),
        },
      });
    } else if (settings.revisions === "repost") {
      const ids: string[] = [];
      for (const body of messages) {
        ids.push(
          posted.parse(await rest.post(Routes.channelMessages(drop.channelId), { body })).id,
        );
      }
      const last = ids.at(-1);
      for (const emoji of last === undefined ? [] : book.story.meta.reactions) {
        await rest.put(
          Routes.channelMessageOwnReaction(drop.channelId, last ?? "", encodeURIComponent(emoji)),
        );
      }
      store.drops.replaceMessages(drop, ids, digest, clock());
      log.info({ ...where, pages: ids.length }, "revised part posted again");
      return;
    }
    store.drops.setDigest(drop, digest, clock());
    log.info(
      { ...where, revisions: settings.revisions, label: partLabel(bookPart.part) },
      "dropped part revised",
    );
  }
}

import { setTimeout as sleep } from "node:timers/promises";
import {
  DiscordAPIError,
  HTTPError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
  SnowflakeUtil,
} from "discord.js";
import { z } from "zod";
import type { Book } from "../core/Book.js";
import type { Drop, DropOutcome, EffectiveSettings } from "../core/drop.js";
import { partLabel } from "../core/partLabel.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { dropMessages } from "../views/dropMessages.js";
import { dropNonce } from "./dropNonce.js";

/** The requests a drop makes: discord.js's REST, or a fake in tests. */
export type DropRest = Pick<REST, "get" | "post" | "put" | "patch">;

export interface DropPosterOptions {
  readonly rest: DropRest;
  readonly store: Store;
  /** The story as it is now (a reload swaps it). */
  readonly book: () => Book;
  readonly log: Logger;
  readonly clock: () => Date;
  /** The bot's user id, to tell its own messages in a channel. */
  readonly botUserId: () => string;
  /** Waits between tries of a failing request (5xx, timeouts); their count is the number of retries. */
  readonly backoffMs?: readonly number[];
}

const posted = z.object({ id: z.string() });

/** What the bot reads of a channel's recent messages to find its own pages. */
const recentMessages = z.array(
  z.object({
    id: z.string(),
    author: z.object({ id: z.string() }),
    embeds: z
      .array(
        z.object({
          description: z.string().optional(),
          footer: z.object({ text: z.string() }).optional(),
        }),
      )
      .default([]),
  }),
);

/** How many messages Discord returns at most, and the bot looks through for its pages. */
const RECENT_LIMIT = 100;

/** How far before a drop's start its first page is looked for: Discord's clock may differ. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/** What a server adds to its drops. */
export type DropExtras = Pick<EffectiveSettings, "pingRoleId" | "threads">;

/**
 * Discord allows one reaction per 250 ms in a channel. discord.js only learns a bucket's state
 * from its second request, so without this spacing the second reaction would always spend a 429.
 */
const REACTION_SPACING_MS = 250;

/** Discord errors that no retry will fix until someone changes something. */
const PERMANENT: Readonly<Record<number, string>> = {
  10003: "the reading channel no longer exists",
  50001: "the bot cannot see the reading channel",
  50013: "the bot lacks permission to post or react in the reading channel",
};

/**
 * Posts a drop, page by page, exactly once: each page goes out with a nonce fixed for that page
 * and `enforce_nonce`, and its message id is stored before the next page is sent, so a drop
 * interrupted at any point (a crash, a kill, a Discord error) is finished later without a
 * missing or repeated page. Discord remembers nonces for a few minutes only, so a drop resumed
 * later first looks for its own pages among the channel's latest messages. The part is released
 * in the same transaction that marks it posted.
 */
export class DropPoster {
  readonly #options: DropPosterOptions;

  constructor(options: DropPosterOptions) {
    this.#options = options;
  }

  /**
   * Posts (or finishes) a drop, mentioning `pingRoleId` and opening a thread when asked.
   * `resumed`: the drop was started before (in this run or an earlier one), so a page may be in
   * the channel without the bot knowing.
   */
  async post(drop: Drop, extras: DropExtras, resumed: boolean): Promise<DropOutcome> {
    const { store, log, clock } = this.#options;
    const book = this.#options.book();
    const bookPart = book.part(drop.partId);
    const where = { guildId: drop.guildId, channelId: drop.channelId, partId: drop.partId };
    if (bookPart === undefined) {
      return this.#fail(drop, `the part "${drop.partId}" is no longer in the story`, false);
    }
    const messages = dropMessages(book, bookPart, extras.pingRoleId);
    try {
      const found =
        resumed && !drop.blocked && drop.messageIds.length < messages.length
          ? await this.#findPostedPages(drop, messages)
          : 0;
      for (let page = drop.messageIds.length + found; page < messages.length; page += 1) {
        const body = { ...messages[page], nonce: dropNonce(drop, page), enforce_nonce: true };
        const message = posted.parse(
          await this.#withRetries(() =>
            this.#options.rest.post(Routes.channelMessages(drop.channelId), { body }),
          ),
        );
        store.drops.recordMessage(drop, page, message.id, clock());
        log.debug({ ...where, page, messageId: message.id }, "drop page posted");
      }
      const last = store.drops.get(drop)?.messageIds.at(-1);
      if (last === undefined) throw new Error("The drop has no message to react to.");
      if (extras.threads && drop.threadId === undefined)
        await this.#openThread(drop, last, partLabel(bookPart.part));
      for (const [index, emoji] of book.story.meta.reactions.entries()) {
        if (index > 0) await sleep(REACTION_SPACING_MS);
        await this.#withRetries(() =>
          this.#options.rest.put(
            Routes.channelMessageOwnReaction(drop.channelId, last, encodeURIComponent(emoji)),
          ),
        );
      }
      store.drops.markPosted(drop, clock(), () => {
        store.releases.add(drop.guildId, drop.storyId, drop.partId, clock());
      });
      log.info({ ...where, pages: messages.length, reason: drop.reason }, "drop posted");
      return { ok: true, drop: store.drops.get(drop) ?? drop };
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
        // The last page was deleted before its reactions were seeded: it is posted again.
        store.drops.forgetPagesFrom(drop, messages.length - 1);
        log.warn({ ...where, err: error }, "a page of the drop was deleted; it is posted again");
        return this.#fail(drop, "its last message was deleted before the drop was finished", true);
      }
      const permanent =
        error instanceof DiscordAPIError ? PERMANENT[Number(error.code)] : undefined;
      const reason = permanent ?? describe(error);
      log.error(
        { ...where, err: error },
        "drop failed; it stays pending and will be finished later",
      );
      return this.#fail(drop, reason, permanent === undefined);
    }
  }

  /**
   * Records the drop's next pages that are already in the channel (the bot's own messages with
   * the same page, among the RECENT_LIMIT right after the last page saved, or after the drop's
   * start), as after a crash between Discord posting a page and the bot saving its id; returns
   * how many.
   */
  async #findPostedPages(drop: Drop, messages: readonly DropMessage[]): Promise<number> {
    const { rest, store, log, clock, botUserId } = this.#options;
    const after =
      drop.messageIds.at(-1) ?? idAt(new Date(drop.createdAt.getTime() - CLOCK_MARGIN_MS));
    try {
      const query = new URLSearchParams({ limit: String(RECENT_LIMIT), after });
      const mine = recentMessages
        .parse(await rest.get(Routes.channelMessages(drop.channelId), { query }))
        .filter((message) => message.author.id === botUserId())
        .reverse();
      let found = 0;
      for (let page = drop.messageIds.length; page < messages.length; page += 1) {
        const match = mine.find((message) => samePage(message.embeds[0], messages[page]));
        if (match === undefined) break;
        store.drops.recordMessage(drop, page, match.id, clock());
        log.info(
          { guildId: drop.guildId, partId: drop.partId, page, messageId: match.id },
          "found a page posted before the drop was interrupted",
        );
        found += 1;
      }
      return found;
    } catch (error) {
      log.warn(
        { guildId: drop.guildId, channelId: drop.channelId, partId: drop.partId, err: error },
        "could not look for pages posted before the drop was interrupted",
      );
      return 0;
    }
  }

  /** Opens the part's discussion thread; a failure is logged and does not hold up the drop. */
  async #openThread(drop: Drop, messageId: string, name: string): Promise<void> {
    const { rest, store, log, clock } = this.#options;
    try {
      const thread = posted.parse(
        await rest.post(Routes.threads(drop.channelId, messageId), {
          body: { name: `${name}: discussion`.slice(0, 100), auto_archive_duration: 10080 },
        }),
      );
      store.drops.recordThread(drop, thread.id, clock());
    } catch (error) {
      log.warn(
        { guildId: drop.guildId, channelId: drop.channelId, partId: drop.partId, err: error },
        "could not open the discussion thread",
      );
    }
  }

  /** Records a failed try; one that cannot succeed until the authors act blocks the drop. */
  #fail(drop: Drop, error: string, retryable: boolean): DropOutcome {
    const { store, clock } = this.#options;
    store.drops.recordFailure(drop, error, !retryable, clock());
    return { ok: false, drop: store.drops.get(drop) ?? drop, error, retryable };
  }

  /** Runs a request, retrying server errors and timeouts with backoff (discord.js waits out 429s). */
  async #withRetries<T>(request: () => Promise<T>): Promise<T> {
    const waits = this.#options.backoffMs ?? [1000, 4000];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request();
      } catch (error) {
        const wait = waits[attempt];
        if (!isTransient(error) || wait === undefined) throw error;
        await sleep(wait);
      }
    }
  }
}

type DropMessage = ReturnType<typeof dropMessages>[number];

/** The lowest Discord id of a moment: every message posted from then on has a higher one. */
function idAt(moment: Date): string {
  return SnowflakeUtil.generate({
    timestamp: moment,
    increment: 0n,
    processId: 0n,
    workerId: 0n,
  }).toString();
}

/** Whether a message's first embed is the given page of a drop (same text, same footer). */
function samePage(
  embed: { readonly description?: string; readonly footer?: { readonly text: string } } | undefined,
  page: DropMessage | undefined,
): boolean {
  const expected = page?.embeds?.[0];
  return (
    embed !== undefined &&
    expected !== undefined &&
    embed.description === expected.description &&
    embed.footer?.text === expected.footer?.text
  );
}

function isTransient(error: unknown): boolean {
  if (error instanceof HTTPError) return error.status >= 500;
  if (error instanceof DiscordAPIError) return error.status >= 500;
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError)
    return `Discord refused the post (${error.status}, code ${error.code}): ${error.message}`;
  if (error instanceof HTTPError) return `Discord answered ${error.status} ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

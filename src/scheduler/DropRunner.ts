import type { Book, BookPart } from "../core/Book.js";
import type { Drop, DropAttempt, DropOutcome, DropReason } from "../core/drop.js";
import { nextScheduledPart } from "../core/dueDrops.js";
import { partLabel } from "../core/partLabel.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { AuthorNotice } from "./AuthorNotice.js";
import type { DropChannels } from "./DropChannels.js";
import type { DropNotifier } from "./DropNotifier.js";
import type { DropObserver } from "./DropObserver.js";
import type { DropPoster } from "./DropPoster.js";

export interface DropRunnerOptions {
  readonly store: Store;
  /** The story as it is now (a reload swaps it). */
  readonly book: () => Book;
  readonly poster: Pick<DropPoster, "post">;
  readonly notifier: Pick<DropNotifier, "notify">;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly channels: Pick<DropChannels, "settingsFor" | "relocate">;
  /** Tells a server's authors about a problem with its drops. */
  readonly tellAuthors: (guildId: string, notice: AuthorNotice) => Promise<void>;
  /**
   * Each server's drop in progress, shared by the runners of every story, so that two stories
   * never post into a server at once (their pages would interleave in a shared channel).
   */
  readonly running?: Map<string, Promise<void>>;
  /** Told how each drop asked for ended (the metrics). */
  readonly observer?: DropObserver;
}

/**
 * Runs drops, one server's one after another: starts a part's drop (claiming it, so a part is
 * dropped once), posts it with the server's extras, tells the members who asked, and tells the
 * authors when it fails. A failed drop is kept, to be finished by the next try.
 */
export class DropRunner {
  readonly #options: DropRunnerOptions;
  readonly #running: Map<string, Promise<void>>;

  constructor(options: DropRunnerOptions) {
    this.#options = options;
    this.#running = options.running ?? new Map();
  }

  /**
   * Drops the next part in a server now (or finishes its interrupted drop). A drop only the
   * authors can unblock is tried again only when they ask (`now`), never by the schedule.
   */
  next(guildId: string, reason: DropReason): Promise<DropAttempt> {
    return this.#serialize<DropAttempt>(guildId, async () => {
      const { store, clock } = this.#options;
      const book = this.#options.book();
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished !== undefined) {
        if (unfinished.blocked && reason !== "now") {
          this.#options.observer?.dropped("nothing");
          return {
            ok: false,
            drop: unfinished,
            error: `waiting for the authors: ${unfinished.lastError ?? "the last try failed"}`,
            retryable: false,
          };
        }
        return this.#post(unfinished, true);
      }
      const part = nextScheduledPart(book, store.releases.releasedIds(guildId, this.#storyId));
      if (part === undefined) return this.#nothing("every part is already out");
      return this.#start(guildId, part, reason, clock());
    });
  }

  /** Drops a given part in a server, in the server's turn. */
  begin(guildId: string, bookPart: BookPart, reason: DropReason): Promise<DropAttempt> {
    return this.#serialize(guildId, () =>
      this.#start(guildId, bookPart, reason, this.#options.clock()),
    );
  }

  /** Finishes an unfinished drop, in its server's turn. */
  finish(unfinished: Drop): Promise<DropOutcome> {
    return this.#serialize(unfinished.guildId, () => this.#post(unfinished, true));
  }

  /**
   * Gives up a server's unfinished drop: its part, if still in the story, is released without
   * posting the rest, so the next drop posts the next part. The drop given up, if any.
   */
  skip(guildId: string, now: Date): Promise<Drop | undefined> {
    return this.#serialize(guildId, async () => {
      const { store } = this.#options;
      const book = this.#options.book();
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished === undefined) return undefined;
      const inStory = book.part(unfinished.partId) !== undefined;
      store.drops.abandon(unfinished, "skipped by the authors", now, () => {
        if (inStory) store.releases.add(guildId, this.#storyId, unfinished.partId, now);
      });
      return store.drops.get(unfinished);
    });
  }

  /** Runs `work` for a server when no drop runs there, and holds its drops back meanwhile. */
  exclusive<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    return this.#serialize(guildId, work);
  }

  /** Waits for the drops in progress. */
  async idle(): Promise<void> {
    await Promise.all(this.#running.values());
  }

  get #storyId(): string {
    return this.#options.book().story.meta.id;
  }

  async #start(
    guildId: string,
    bookPart: BookPart,
    reason: DropReason,
    now: Date,
  ): Promise<DropAttempt> {
    const { store, log, channels } = this.#options;
    const channelId = channels.settingsFor(guildId).channelId;
    if (channelId === undefined) {
      log.warn({ guildId, partId: bookPart.part.id }, "no reading channel set; nothing dropped");
      return this.#nothing("no reading channel is set (use /serial channel)");
    }
    const drop: Drop | undefined = store.drops.create(
      {
        guildId,
        storyId: this.#storyId,
        partId: bookPart.part.id,
        channelId,
        reason,
        pages: bookPart.pages.length,
        textDigest: bookPart.digest,
      },
      now,
    );
    if (drop === undefined) return this.#nothing("that part was already dropped");
    return this.#post(drop, false);
  }

  /** A drop asked for with nothing to post, and why. */
  #nothing(error: string): DropAttempt {
    this.#options.observer?.dropped("nothing");
    return { ok: false, error, retryable: false };
  }

  /**
   * Posts a drop with the server's extras, then tells the members who asked. When it fails for
   * the first time, or in a new way only the authors can fix, the authors are told.
   */
  async #post(unfinished: Drop, resumed: boolean): Promise<DropOutcome> {
    const { channels, poster, notifier, tellAuthors } = this.#options;
    const settings = channels.settingsFor(unfinished.guildId);
    const drop = channels.relocate(unfinished, settings.channelId);
    const outcome = await poster.post(drop, settings, resumed).catch((error: unknown) => {
      this.#options.observer?.dropped("failed");
      throw error;
    });
    this.#options.observer?.dropped(outcome.ok ? "posted" : "failed");
    if (outcome.ok) {
      await notifier.notify(outcome.drop);
    } else if (outcome.drop.attempts === 1 || (outcome.drop.blocked && !drop.blocked)) {
      await tellAuthors(drop.guildId, this.#failureNotice(outcome));
    }
    return outcome;
  }

  #failureNotice(outcome: Extract<DropOutcome, { ok: false }>): AuthorNotice {
    const { drop, error } = outcome;
    const part = this.#options.book().part(drop.partId)?.part;
    const fix = outcome.retryable
      ? "It is kept and will be posted at the next drop time, or now with /serial drop-now."
      : "It is kept: fix the problem, then post it with /serial drop-now (or skip it with /serial skip-drop).";
    return {
      public: `I could not post the next part to <#${drop.channelId}>: ${error}. ${fix}`,
      details: `I could not post ${part === undefined ? `"${drop.partId}"` : partLabel(part)} to <#${drop.channelId}>: ${error}. ${fix}`,
    };
  }

  /**
   * Runs drops of one server one after another. The caller gets `work`'s result or error; what
   * is kept to wait on never rejects.
   */
  #serialize<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#running.get(guildId) ?? Promise.resolve();
    const next = previous.then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.#running.set(guildId, settled);
    void settled.then(() => {
      if (this.#running.get(guildId) === settled) this.#running.delete(guildId);
    });
    return next;
  }
}

import type { Book } from "../core/Book.js";
import type { DropAttempt, DropReason } from "../core/drop.js";
import { missedDrop } from "../core/dueDrops.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { AuthorNotice } from "./AuthorNotice.js";
import type { DropRunner } from "./DropRunner.js";

export interface CatchUpOptions {
  readonly store: Store;
  readonly book: Book;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly runner: Pick<DropRunner, "finish">;
  /** Drops the next part in a server (see DropScheduler.drop). */
  readonly drop: (guildId: string, reason: DropReason) => Promise<DropAttempt>;
  /** Tells a server's authors, in the background. */
  readonly tell: (guildId: string, notice: AuthorNotice) => void;
}

/**
 * What start-up makes good of the time the bot was down: drops of parts that left the story are
 * given up, an interrupted drop is finished, and one drop makes up for a schedule missed (judged
 * by the clock given).
 */
export class CatchUp {
  readonly #options: CatchUpOptions;

  constructor(options: CatchUpOptions) {
    this.#options = options;
  }

  /** Gives up the served servers' drops whose parts left the story, and logs releases of them. */
  tidy(guildIds: readonly string[]): void {
    this.#abandonVanishedParts(new Set(guildIds));
    this.#logVanishedReleases(guildIds);
  }

  /**
   * A server's interrupted drop is finished (unless blocked), or a missed one made up when the
   * server follows a schedule.
   */
  async resumeOrMakeUp(guildId: string, followsSchedule: boolean): Promise<void> {
    const { store, clock } = this.#options;
    const unfinished = store.drops.unfinished(guildId, this.#storyId);
    if (unfinished !== undefined) {
      if (!unfinished.blocked) await this.#options.runner.finish(unfinished);
      return;
    }
    if (
      followsSchedule &&
      missedDrop(
        store.settings.get(guildId, this.#storyId).nextDropAt,
        store.drops.latest(guildId, this.#storyId)?.createdAt,
        clock(),
      )
    ) {
      await this.#options.drop(guildId, "catch-up");
    }
  }

  get #storyId(): string {
    return this.#options.book.story.meta.id;
  }

  /**
   * Unfinished drops of parts no longer in the story (renamed or removed) would be tried for
   * ever and hold back every later part: they are abandoned, logged, and the authors told.
   */
  #abandonVanishedParts(served: ReadonlySet<string>): void {
    const { store, book, log, clock } = this.#options;
    const vanished = store.drops
      .allUnfinished(this.#storyId)
      .filter((drop) => served.has(drop.guildId) && book.part(drop.partId) === undefined);
    for (const drop of vanished) {
      store.drops.abandon(drop, "its part is no longer in the story", clock());
      log.warn(
        { guildId: drop.guildId, partId: drop.partId, posted: drop.messageIds.length },
        "unfinished drop abandoned: its part is no longer in the story",
      );
      this.#options.tell(drop.guildId, {
        public:
          "A drop that could not be finished was given up, because its part is no longer in the story. The next part comes at the next drop time.",
        details: `The unfinished drop of the part "${drop.partId}" (${drop.messageIds.length} of ${drop.pages} messages posted) was abandoned: no part has that id in the story any more (renamed or removed). The next drop posts the next part.`,
      });
    }
  }

  /** Releases of parts no longer in the story are kept (the part may come back), and logged. */
  #logVanishedReleases(guildIds: readonly string[]): void {
    const { store, book, log } = this.#options;
    for (const guildId of guildIds) {
      const gone = [...store.releases.releasedIds(guildId, this.#storyId)].filter(
        (partId) => book.part(partId) === undefined,
      );
      if (gone.length > 0) {
        log.warn({ guildId, partIds: gone }, "released parts are no longer in the story");
      }
    }
  }
}

import type { Book } from "../core/Book.js";
import type { EffectiveSettings } from "../core/drop.js";
import { nextReleaseTime, timedPartsDue } from "../core/dueDrops.js";
import type { SchedulePort, Watch } from "../cron/cronSchedule.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { DropRunner } from "./DropRunner.js";

/** How soon timed drops are tried again after they failed in a way worth trying again. */
const TIMED_RETRY_MS = 5 * 60_000;

export interface TimedDropsOptions {
  readonly store: Store;
  /** The story as it is now (a reload swaps it). */
  readonly book: () => Book;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly schedules: SchedulePort;
  readonly runner: Pick<DropRunner, "begin" | "finish">;
  readonly settingsFor: (guildId: string) => EffectiveSettings;
  /** The servers this process serves, now. */
  readonly guildIds: () => Iterable<string>;
  /** Whether the bot is stopping: no timed drop then, and no timer. */
  readonly stopped: () => boolean;
  /** Runs work for many servers at once, logging a server's failure (see DropScheduler). */
  readonly forEachGuild: (
    guildIds: Iterable<string>,
    work: (guildId: string) => Promise<void>,
  ) => Promise<void>;
}

/**
 * Scenes with their own release time: dropped when it comes, in every server, by a timer set for
 * the next such time (from the clock given). Timed drops that failed for a reason of the bot's
 * own, such as its database, are tried again after TIMED_RETRY_MS.
 */
export class TimedDrops {
  readonly #options: TimedDropsOptions;
  #timer: Watch | undefined;

  constructor(options: TimedDropsOptions) {
    this.#options = options;
  }

  /** Drops the timed parts that are due in every server, then sets the timer. */
  async start(): Promise<void> {
    const settled = await this.#dropDue();
    this.#arm(settled ? undefined : this.#retryAt());
  }

  /**
   * Drops a server's timed parts that are due, one after another (first finishing the server's
   * unfinished drop, whichever part it is); false when a drop failed in a way worth trying again
   * soon. A drop that waits for the authors holds the rest back until they act.
   */
  async dropDueIn(guildId: string): Promise<boolean> {
    const { store, clock, runner, stopped } = this.#options;
    const book = this.#options.book();
    const storyId = book.story.meta.id;
    if (this.#options.settingsFor(guildId).paused) return true;
    for (;;) {
      const released = store.releases.releasedIds(guildId, storyId);
      const [due] = timedPartsDue(book, released, clock());
      if (stopped() || due === undefined) return true;
      const unfinished = store.drops.unfinished(guildId, storyId);
      if (unfinished?.blocked) return true;
      const attempt =
        unfinished === undefined
          ? await runner.begin(guildId, due, "release-at")
          : await runner.finish(unfinished);
      if (!attempt.ok) return !attempt.retryable;
    }
  }

  /** Stops the timer. */
  async stop(): Promise<void> {
    await this.#timer?.stop();
  }

  /** Drops the timed parts that are due in every server; false when one should be tried again. */
  async #dropDue(): Promise<boolean> {
    const { log, forEachGuild, guildIds } = this.#options;
    let settled = true;
    await forEachGuild([...guildIds()], async (guildId) => {
      try {
        if (!(await this.dropDueIn(guildId))) settled = false;
      } catch (error) {
        settled = false;
        log.error({ guildId, err: error }, "timed drops failed in this server; trying again soon");
      }
    });
    return settled;
  }

  /** Wakes up at the next scene's own release time, or at `retryAt` when that is sooner. */
  #arm(retryAt?: Date): void {
    const { schedules, clock, stopped } = this.#options;
    const book = this.#options.book();
    const previous = this.#timer;
    this.#timer = undefined;
    previous?.stop().catch(() => undefined);
    const release = nextReleaseTime(book, clock());
    const next =
      retryAt !== undefined && (release === undefined || retryAt < release) ? retryAt : release;
    if (next === undefined || stopped()) return;
    this.#timer = schedules.at(next, async () => {
      const settled = await this.#dropDue();
      this.#arm(settled ? undefined : this.#retryAt());
    });
  }

  #retryAt(): Date {
    return new Date(this.#options.clock().getTime() + TIMED_RETRY_MS);
  }
}

import cron, { type ScheduledTask } from "node-cron";
import type { Book, BookPart } from "../core/Book.js";
import type {
  Drop,
  DropAttempt,
  DropOutcome,
  DropReason,
  EffectiveSettings,
} from "../core/drop.js";
import { missedDrop, nextReleaseTime, nextScheduledPart, timedPartsDue } from "../core/dueDrops.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { nextRuns } from "./cronSchedule.js";
import type { DropNotifier } from "./DropNotifier.js";
import type { DropPoster } from "./DropPoster.js";
import { forEachConcurrently } from "./forEachConcurrently.js";

/** The bot-wide defaults (from the environment) that a server's own settings override. */
export interface DropDefaults {
  readonly channelId: string | undefined;
  readonly schedule: string | undefined;
  readonly timezone: string;
}

export interface DropSchedulerOptions {
  readonly store: Store;
  readonly book: Book;
  readonly poster: DropPoster;
  readonly notifier: DropNotifier;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly defaults: DropDefaults;
  /** The servers this process serves (with sharding, only its shard's). */
  readonly guildIds: () => Iterable<string>;
  /** Whether a channel is in a server, so a default channel only applies to its own server. */
  readonly channelInGuild: (channelId: string, guildId: string) => boolean;
  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  readonly channelProblem: (guildId: string, channelId: string) => string | undefined;
  /** Tells a server's authors about a failed drop. */
  readonly warnAuthors: (guildId: string, message: string) => Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How many servers' drops run at once. A drop sends one request at a time and discord.js sends at
 * most 50 a second in all (Discord's global limit), so twice that many keeps its queue full while
 * some drops wait between reactions; one server's drop then takes seconds, not the whole fan-out.
 */
const CONCURRENT_DROPS = 100;

/**
 * Runs the drops: one cron task per distinct schedule (node-cron, no overlap), a timer for scenes
 * with their own release time, a make-up drop at start for a schedule missed while down, and
 * drops by hand. Drops in one server never run at the same time; drops in many servers do.
 */
export class DropScheduler {
  readonly #options: DropSchedulerOptions;
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #running = new Map<string, Promise<DropAttempt>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: DropSchedulerOptions) {
    this.#options = options;
  }

  /** Finishes interrupted drops, makes up missed ones, drops due timed parts, then starts the clocks. */
  async start(): Promise<void> {
    const { store, clock } = this.#options;
    await this.#forEachGuild([...this.#options.guildIds()], async (guildId) => {
      const settings = this.settingsFor(guildId);
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished !== undefined) await this.#serialize(guildId, () => this.#post(unfinished));
      else if (
        !settings.paused &&
        settings.schedule !== undefined &&
        missedDrop(
          store.settings.get(guildId).nextDropAt,
          store.drops.latest(guildId, this.#storyId)?.createdAt,
          clock(),
        )
      ) {
        await this.drop(guildId, "catch-up");
      }
      this.#noteNextDrop(guildId);
    });
    await this.#dropTimedParts();
    this.reschedule();
  }

  /** Rebuilds the cron tasks from the current settings (after /serial schedule, pause or resume). */
  reschedule(): void {
    if (this.#stopped) return;
    const wanted = new Map<string, { schedule: string; timezone: string }>();
    for (const guildId of this.#options.guildIds()) {
      const settings = this.settingsFor(guildId);
      if (settings.schedule !== undefined && !settings.paused) {
        wanted.set(keyOf(settings.schedule, settings.timezone), {
          schedule: settings.schedule,
          timezone: settings.timezone,
        });
      }
      this.#noteNextDrop(guildId);
    }
    for (const [key, task] of this.#tasks) {
      if (!wanted.has(key)) {
        void task.destroy();
        this.#tasks.delete(key);
      }
    }
    for (const [key, { schedule, timezone }] of wanted) {
      if (this.#tasks.has(key)) continue;
      this.#tasks.set(
        key,
        cron.schedule(schedule, () => this.#tick(key), {
          timezone,
          noOverlap: true,
          name: `drops ${key}`,
        }),
      );
    }
    this.#armTimer();
  }

  /** Drops the next part in a server now (or finishes its interrupted drop). */
  drop(guildId: string, reason: DropReason): Promise<DropAttempt> {
    return this.#serialize(guildId, async () => {
      const { store, book, clock } = this.#options;
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished !== undefined) return this.#post(unfinished);
      const part = nextScheduledPart(book, store.releases.releasedIds(guildId, this.#storyId));
      if (part === undefined)
        return { ok: false, error: "every part is already out", retryable: false };
      return this.#start(guildId, part, reason, clock());
    });
  }

  settingsFor(guildId: string): EffectiveSettings {
    const own = this.#options.store.settings.get(guildId);
    const { defaults, channelInGuild } = this.#options;
    const defaultChannel =
      defaults.channelId !== undefined && channelInGuild(defaults.channelId, guildId)
        ? defaults.channelId
        : undefined;
    return {
      channelId: own.channelId ?? defaultChannel,
      schedule: own.schedule ?? defaults.schedule,
      timezone: own.timezone ?? defaults.timezone,
      paused: own.paused,
      pingRoleId: own.pingRoleId,
      threads: own.threads,
    };
  }

  /** The next `count` drop times of a server, empty when it has no schedule or is paused. */
  nextDrops(guildId: string, count: number): Date[] {
    const settings = this.settingsFor(guildId);
    if (settings.schedule === undefined || settings.paused) return [];
    const next = nextRuns(settings.schedule, settings.timezone, this.#options.clock(), count);
    return next.ok ? [...next.runs] : [];
  }

  channelProblem(guildId: string, channelId: string): string | undefined {
    return this.#options.channelProblem(guildId, channelId);
  }

  /** Stops the clocks and waits for drops in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await Promise.all([...this.#tasks.values()].map((task) => task.destroy()));
    this.#tasks.clear();
    await Promise.allSettled(this.#running.values());
  }

  get #storyId(): string {
    return this.#options.book.story.meta.id;
  }

  async #tick(key: string): Promise<void> {
    const due = [...this.#options.guildIds()].filter((guildId) => {
      const settings = this.settingsFor(guildId);
      return (
        settings.schedule !== undefined &&
        !settings.paused &&
        keyOf(settings.schedule, settings.timezone) === key
      );
    });
    await this.#forEachGuild(due, async (guildId) => {
      await this.drop(guildId, "schedule");
      this.#noteNextDrop(guildId);
    });
  }

  async #start(
    guildId: string,
    bookPart: BookPart,
    reason: DropReason,
    now: Date,
  ): Promise<DropAttempt> {
    const { store, log } = this.#options;
    const channelId = this.settingsFor(guildId).channelId;
    if (channelId === undefined) {
      log.warn({ guildId, partId: bookPart.part.id }, "no reading channel set; nothing dropped");
      return {
        ok: false,
        error: "no reading channel is set (use /serial channel)",
        retryable: false,
      };
    }
    const drop: Drop | undefined = store.drops.create(
      {
        guildId,
        storyId: this.#storyId,
        partId: bookPart.part.id,
        channelId,
        reason,
        pages: bookPart.pages.length,
      },
      now,
    );
    if (drop === undefined)
      return { ok: false, error: "that part was already dropped", retryable: false };
    const outcome = await this.#post(drop);
    if (!outcome.ok && outcome.drop.attempts === 1) {
      await this.#options.warnAuthors(
        guildId,
        `I could not post ${bookPart.part.title} to <#${channelId}>: ${outcome.error}. It is kept and will be posted at the next drop time, or now with /serial drop-now once fixed.`,
      );
    }
    return outcome;
  }

  async #dropTimedParts(): Promise<void> {
    const { store, book, clock } = this.#options;
    const unpaused = [...this.#options.guildIds()].filter(
      (guildId) => !this.settingsFor(guildId).paused,
    );
    await this.#forEachGuild(unpaused, async (guildId) => {
      for (const bookPart of timedPartsDue(
        book,
        store.releases.releasedIds(guildId, this.#storyId),
        clock(),
      )) {
        if (this.#stopped) return;
        await this.#serialize(guildId, () => this.#start(guildId, bookPart, "release-at", clock()));
      }
    });
  }

  /** Posts a drop with the server's extras, then tells the members who asked. */
  async #post(unfinished: Drop): Promise<DropOutcome> {
    const settings = this.settingsFor(unfinished.guildId);
    const drop = this.#relocate(unfinished, settings.channelId);
    const outcome = await this.#options.poster.post(drop, settings);
    if (outcome.ok) await this.#options.notifier.notify(outcome.drop);
    return outcome;
  }

  /**
   * An unfinished drop follows the server's reading channel when nothing of it was posted yet, or
   * when the channel it was posting to is gone (it then starts over there); otherwise a part is
   * never split across two channels.
   */
  #relocate(drop: Drop, channelId: string | undefined): Drop {
    if (channelId === undefined || channelId === drop.channelId) return drop;
    const oldChannelGone = !this.#options.channelInGuild(drop.channelId, drop.guildId);
    if (drop.messageIds.length > 0 && !oldChannelGone) return drop;
    this.#options.log.info(
      { guildId: drop.guildId, partId: drop.partId, from: drop.channelId, to: channelId },
      "unfinished drop moved to the current reading channel",
    );
    return this.#options.store.drops.moveTo(drop, channelId, this.#options.clock()) ?? drop;
  }

  /** Wakes up at the next scene's own release time. */
  #armTimer(): void {
    clearTimeout(this.#timer);
    const next = nextReleaseTime(this.#options.book, this.#options.clock());
    if (next === undefined || this.#stopped) return;
    const delay = Math.min(
      MAX_TIMER_MS,
      Math.max(0, next.getTime() - this.#options.clock().getTime()),
    );
    this.#timer = setTimeout(() => {
      void this.#dropTimedParts().then(() => this.#armTimer());
    }, delay);
    this.#timer.unref();
  }

  /** Keeps the server's next drop time, so that a drop missed while down is noticed at start. */
  #noteNextDrop(guildId: string): void {
    const [next] = this.nextDrops(guildId, 1);
    this.#options.store.settings.update(guildId, { nextDropAt: next }, this.#options.clock());
  }

  /**
   * Runs `work` for each server, up to CONCURRENT_DROPS servers at once, and none after stop():
   * drops that fall due together in many servers share discord.js's request queue instead of
   * waiting for each other.
   */
  #forEachGuild(
    guildIds: Iterable<string>,
    work: (guildId: string) => Promise<void>,
  ): Promise<void> {
    return forEachConcurrently(guildIds, CONCURRENT_DROPS, async (guildId) => {
      if (!this.#stopped) await work(guildId);
    });
  }

  /** Runs drops of one server one after another. */
  #serialize(guildId: string, work: () => Promise<DropAttempt>): Promise<DropAttempt> {
    const previous = this.#running.get(guildId) ?? Promise.resolve(undefined);
    const next = previous.then(work, work);
    this.#running.set(guildId, next);
    void next.finally(() => {
      if (this.#running.get(guildId) === next) this.#running.delete(guildId);
    });
    return next;
  }
}

function keyOf(schedule: string, timezone: string): string {
  return `${schedule} @ ${timezone}`;
}

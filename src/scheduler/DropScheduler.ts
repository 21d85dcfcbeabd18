import type { Book, BookPart } from "../core/Book.js";
import type {
  Drop,
  DropAttempt,
  DropOutcome,
  DropReason,
  EffectiveSettings,
} from "../core/drop.js";
import { missedDrop, nextReleaseTime, nextScheduledPart, timedPartsDue } from "../core/dueDrops.js";
import { partLabel } from "../core/partLabel.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import type { SchedulePort, Watch } from "../cron/cronSchedule.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { checkSchedule } from "./checkSchedule.js";
import type { DropNotifier } from "./DropNotifier.js";
import type { DropPoster } from "./DropPoster.js";
import { forEachConcurrently } from "./forEachConcurrently.js";

/** The bot-wide defaults (from the environment) that a server's own settings override. */
export interface DropDefaults {
  readonly channelId: string | undefined;
  readonly schedule: string | undefined;
  readonly timezone: string;
}

/** A drop that waited for the authors, and whether choosing a channel let it go. */
export interface ChannelChange {
  readonly waiting: Drop | undefined;
  readonly retried: boolean;
}

/** A word for a server's authors: what may be said in public, and the details for them alone. */
export interface AuthorNotice {
  /** For the server's system channel: never names a part that is not out. */
  readonly public: string;
  /** For the authors directly (and /serial status): which part, what failed, how to fix it. */
  readonly details: string;
}

export interface DropSchedulerOptions {
  readonly store: Store;
  readonly book: Book;
  readonly poster: Pick<DropPoster, "post">;
  readonly notifier: Pick<DropNotifier, "notify">;
  readonly log: Logger;
  readonly clock: () => Date;
  /** Cron and timers: node-cron in the bot, a fake in tests. */
  readonly schedules: SchedulePort;
  readonly defaults: DropDefaults;
  /** The least time between two drops of a schedule the authors set. */
  readonly minIntervalMs: number;
  /** The servers this process serves, now (with sharding, only its shard's). */
  readonly guildIds: () => Iterable<string>;
  /** Whether a channel is in a server, so a default channel only applies to its own server. */
  readonly channelInGuild: (channelId: string, guildId: string) => boolean;
  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  readonly channelProblem: (guildId: string, channelId: string) => string | undefined;
  /** Tells a server's authors about a problem with its drops. */
  readonly tellAuthors: (guildId: string, notice: AuthorNotice) => Promise<void>;
}

/**
 * How many servers' drops run at once. A drop sends one request at a time and discord.js sends at
 * most 50 a second in all (Discord's global limit), so twice that many keeps its queue full while
 * some drops wait between reactions; one server's drop then takes seconds, not the whole fan-out.
 */
const CONCURRENT_DROPS = 100;

/** How soon timed drops are tried again after they failed in a way worth trying again. */
const TIMED_RETRY_MS = 5 * 60_000;

/** What a drop asked for while the bot stops gets. */
const STOPPING: DropAttempt = { ok: false, error: "the bot is stopping", retryable: false };

/**
 * Runs the drops: one cron task per distinct schedule (no overlap), a timer for scenes with their
 * own release time, a make-up drop at start for a schedule missed while down, and drops by hand.
 * Drops in one server never run at the same time; drops in many servers do. Which servers follow
 * which schedule is kept in memory and changed one server at a time, so a command in one server
 * never does work for every server; a server whose stored schedule cannot be computed is left out
 * (and its authors told) without touching the others.
 */
export class DropScheduler {
  readonly #options: DropSchedulerOptions;
  /** Per schedule key, the servers following it, and its running cron task. */
  readonly #followers = new Map<string, Set<string>>();
  readonly #watches = new Map<string, Watch>();
  /** Per server, the schedule key it follows. */
  readonly #keyOf = new Map<string, string>();
  /** Per server, why its schedule cannot be used. */
  readonly #problems = new Map<string, string>();
  readonly #running = new Map<string, Promise<void>>();
  #timer: Watch | undefined;
  #stopped = false;

  constructor(options: DropSchedulerOptions) {
    this.#options = options;
  }

  /**
   * Gives up drops whose parts left the story, then per server: finishes an interrupted drop,
   * makes up a missed one, and starts following its schedule; then drops due timed parts and
   * starts the timer. A server whose work fails is logged and left; start-up goes on.
   */
  async start(): Promise<void> {
    const guildIds = [...this.#options.guildIds()];
    this.#abandonVanishedParts(new Set(guildIds));
    this.#logVanishedReleases(guildIds);
    await this.#forEachGuild(guildIds, async (guildId) => {
      this.#follow(guildId, true);
      await this.#resumeOrCatchUp(guildId);
      this.#noteNextDrop(guildId);
    });
    const settled = await this.#dropTimedParts();
    this.#armTimer(
      settled ? undefined : new Date(this.#options.clock().getTime() + TIMED_RETRY_MS),
    );
  }

  /** A server the bot joined after start. */
  addGuild(guildId: string): void {
    if (this.#stopped) return;
    this.#follow(guildId, false);
    this.#noteNextDrop(guildId);
  }

  /** A server the bot left: no more drops there. */
  removeGuild(guildId: string): void {
    this.#unfollow(guildId);
    this.#problems.delete(guildId);
  }

  /** Applies a server's changed settings (after /serial schedule, pause, resume or a drop). */
  reschedule(guildId: string): void {
    if (this.#stopped) return;
    this.#follow(guildId, false);
    this.#noteNextDrop(guildId);
  }

  /**
   * Drops the next part in a server now (or finishes its interrupted drop). A drop only the
   * authors can unblock is tried again only when they ask (`now`), never by the schedule.
   */
  drop(guildId: string, reason: DropReason): Promise<DropAttempt> {
    if (this.#stopped) return Promise.resolve(STOPPING);
    const attempt = this.#serialize<DropAttempt>(guildId, async () => {
      const { store, book, clock } = this.#options;
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished !== undefined) {
        if (unfinished.blocked && reason !== "now") {
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
      if (part === undefined)
        return { ok: false, error: "every part is already out", retryable: false };
      return this.#start(guildId, part, reason, clock());
    });
    if (reason === "now") {
      attempt.then(
        (done) => done.ok && this.#afterAuthorsActed(guildId),
        () => undefined,
      );
    }
    return attempt;
  }

  /**
   * Gives up a server's unfinished drop (the authors' /serial skip-drop): its part, if still in
   * the story, is released without posting the rest, so the next drop posts the next part.
   */
  skip(guildId: string, now: Date): Promise<Drop | undefined> {
    if (this.#stopped) return Promise.reject(new Error("The bot is stopping."));
    const skipped = this.#serialize(guildId, async () => {
      const { store, book } = this.#options;
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished === undefined) return undefined;
      const inStory = book.part(unfinished.partId) !== undefined;
      store.drops.abandon(unfinished, "skipped by the authors", now, () => {
        if (inStory) store.releases.add(guildId, this.#storyId, unfinished.partId, now);
      });
      return store.drops.get(unfinished);
    });
    skipped.then(
      (drop) => drop !== undefined && this.#afterAuthorsActed(guildId),
      () => undefined,
    );
    return skipped;
  }

  /**
   * After the authors got a stuck drop out (posted or skipped), the timed parts it held back
   * that are due now come out, in the background.
   */
  #afterAuthorsActed(guildId: string): void {
    this.#dropTimedPartsIn(guildId).catch((error: unknown) =>
      this.#options.log.error({ guildId, err: error }, "timed drops failed in this server"),
    );
  }

  /**
   * The authors chose a reading channel: a drop waiting for them is let go (the schedule tries it
   * again) when it will go to that channel: it has posted nothing yet, or it is already there, or
   * its channel is gone. A part is never split across two channels. The waiting drop, if any.
   */
  useChannel(guildId: string, channelId: string, now: Date): ChannelChange {
    const { store, channelInGuild } = this.#options;
    const waiting = store.drops.unfinished(guildId, this.#storyId);
    if (waiting === undefined || !waiting.blocked) return { waiting: undefined, retried: false };
    const retried =
      waiting.messageIds.length === 0 ||
      waiting.channelId === channelId ||
      !channelInGuild(waiting.channelId, guildId);
    if (retried) store.drops.unblock(waiting, now);
    return { waiting, retried };
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

  /**
   * The next `count` drop times of a server after `now`; empty when it has no schedule, is
   * paused, or its schedule cannot be computed (see `scheduleProblem`).
   */
  nextDrops(guildId: string, now: Date, count: number): Date[] {
    const settings = this.settingsFor(guildId);
    if (settings.schedule === undefined || settings.paused || this.#problems.has(guildId))
      return [];
    const next = this.#options.schedules.nextRuns(settings.schedule, settings.timezone, now, count);
    return next.ok ? [...next.runs] : [];
  }

  /** Why a server's schedule cannot be used, or undefined when it can (or has none). */
  scheduleProblem(guildId: string): string | undefined {
    return this.#problems.get(guildId);
  }

  /** Judges a schedule the authors want to set (see checkSchedule). */
  checkSchedule(expression: string, timezone: string, now: Date): ScheduleVerdict {
    const { schedules, minIntervalMs } = this.#options;
    return checkSchedule(schedules, expression, timezone, now, minIntervalMs);
  }

  channelProblem(guildId: string, channelId: string): string | undefined {
    return this.#options.channelProblem(guildId, channelId);
  }

  /** Stops the clocks and waits for drops in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const watches = [
      ...this.#watches.values(),
      ...(this.#timer === undefined ? [] : [this.#timer]),
    ];
    this.#watches.clear();
    this.#followers.clear();
    this.#keyOf.clear();
    await Promise.all(watches.map((watch) => watch.stop()));
    await Promise.all(this.#running.values());
  }

  get #storyId(): string {
    return this.#options.book.story.meta.id;
  }

  /**
   * Puts a server on the cron task of its schedule (starting the task if it is the first), or
   * takes it off when it has none, is paused, or its schedule cannot be computed.
   */
  #follow(guildId: string, atStart: boolean): void {
    const { schedules, clock, log } = this.#options;
    this.#unfollow(guildId);
    const settings = this.settingsFor(guildId);
    if (settings.schedule === undefined || settings.paused) {
      this.#problems.delete(guildId);
      return;
    }
    const next = schedules.nextRuns(settings.schedule, settings.timezone, clock(), 1);
    if (!next.ok) {
      const problem = `the schedule \`${settings.schedule}\` (${settings.timezone}) ${next.problem}`;
      if (this.#problems.get(guildId) !== problem) {
        log.warn({ guildId, schedule: settings.schedule, problem }, "schedule cannot be used");
      }
      this.#problems.set(guildId, problem);
      if (
        atStart &&
        this.#options.store.authorNotices.tell(guildId, "schedule", problem, clock())
      ) {
        this.#tellScheduleProblem(guildId, problem);
      }
      return;
    }
    if (this.#problems.delete(guildId))
      this.#options.store.authorNotices.clear(guildId, "schedule");
    const key = `${settings.schedule} @ ${settings.timezone}`;
    const followers = this.#followers.get(key) ?? new Set<string>();
    followers.add(guildId);
    this.#followers.set(key, followers);
    this.#keyOf.set(guildId, key);
    if (!this.#watches.has(key)) {
      this.#watches.set(
        key,
        schedules.watch(settings.schedule, settings.timezone, () => this.#tick(key)),
      );
    }
  }

  #unfollow(guildId: string): void {
    const key = this.#keyOf.get(guildId);
    if (key === undefined) return;
    this.#keyOf.delete(guildId);
    const followers = this.#followers.get(key);
    followers?.delete(guildId);
    if (followers !== undefined && followers.size > 0) return;
    this.#followers.delete(key);
    const watch = this.#watches.get(key);
    this.#watches.delete(key);
    watch?.stop().catch((error: unknown) => {
      this.#options.log.error({ key, err: error }, "could not stop a cron task");
    });
  }

  #tellScheduleProblem(guildId: string, problem: string): void {
    this.#tell(guildId, {
      public:
        "This server's drop schedule cannot be used, so no part will be posted on schedule. The authors can see why with /serial status and set a new one with /serial schedule.",
      details: `No part will be posted on schedule in this server: ${problem}. Set a new one with /serial schedule.`,
    });
  }

  /** Tells the authors in the background: a start-up or a fan-out never waits on DMs. */
  #tell(guildId: string, notice: AuthorNotice): void {
    this.#options
      .tellAuthors(guildId, notice)
      .catch((error: unknown) =>
        this.#options.log.error({ guildId, err: error }, "could not tell the authors"),
      );
  }

  /** At start: an interrupted drop is finished (unless blocked), or a missed one made up. */
  async #resumeOrCatchUp(guildId: string): Promise<void> {
    const { store, clock } = this.#options;
    const unfinished = store.drops.unfinished(guildId, this.#storyId);
    if (unfinished !== undefined) {
      if (!unfinished.blocked) await this.#serialize(guildId, () => this.#post(unfinished, true));
      return;
    }
    if (
      this.#keyOf.has(guildId) &&
      missedDrop(
        store.settings.get(guildId).nextDropAt,
        store.drops.latest(guildId, this.#storyId)?.createdAt,
        clock(),
      )
    ) {
      await this.drop(guildId, "catch-up");
    }
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
      this.#tell(drop.guildId, {
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

  async #tick(key: string): Promise<void> {
    const followers = [...(this.#followers.get(key) ?? [])];
    await this.#forEachGuild(followers, async (guildId) => {
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
    return this.#post(drop, false);
  }

  /** Drops the timed parts that are due in every server; false when one should be tried again. */
  async #dropTimedParts(): Promise<boolean> {
    const { log } = this.#options;
    let settled = true;
    await this.#forEachGuild([...this.#options.guildIds()], async (guildId) => {
      try {
        if (!(await this.#dropTimedPartsIn(guildId))) settled = false;
      } catch (error) {
        settled = false;
        log.error({ guildId, err: error }, "timed drops failed in this server; trying again soon");
      }
    });
    return settled;
  }

  /**
   * Drops a server's timed parts that are due, one after another (first finishing the server's
   * unfinished drop, whichever part it is); false when a drop failed in a way worth trying again
   * soon. A drop that waits for the authors holds the rest back until they act.
   */
  async #dropTimedPartsIn(guildId: string): Promise<boolean> {
    const { store, book, clock } = this.#options;
    if (this.settingsFor(guildId).paused) return true;
    for (;;) {
      const released = store.releases.releasedIds(guildId, this.#storyId);
      const [due] = timedPartsDue(book, released, clock());
      if (this.#stopped || due === undefined) return true;
      const unfinished = store.drops.unfinished(guildId, this.#storyId);
      if (unfinished?.blocked) return true;
      const attempt = await this.#serialize<DropAttempt>(guildId, () =>
        unfinished === undefined
          ? this.#start(guildId, due, "release-at", clock())
          : this.#post(unfinished, true),
      );
      if (!attempt.ok) return !attempt.retryable;
    }
  }

  /**
   * Posts a drop with the server's extras, then tells the members who asked. When it fails for
   * the first time, or in a new way only the authors can fix, the authors are told.
   */
  async #post(unfinished: Drop, resumed: boolean): Promise<DropOutcome> {
    const settings = this.settingsFor(unfinished.guildId);
    const drop = this.#relocate(unfinished, settings.channelId);
    const outcome = await this.#options.poster.post(drop, settings, resumed);
    if (outcome.ok) {
      await this.#options.notifier.notify(outcome.drop);
    } else if (outcome.drop.attempts === 1 || (outcome.drop.blocked && !drop.blocked)) {
      await this.#options.tellAuthors(drop.guildId, this.#failureNotice(outcome));
    }
    return outcome;
  }

  #failureNotice(outcome: Extract<DropOutcome, { ok: false }>): AuthorNotice {
    const { drop, error } = outcome;
    const part = this.#options.book.part(drop.partId)?.part;
    const fix = outcome.retryable
      ? "It is kept and will be posted at the next drop time, or now with /serial drop-now."
      : "It is kept: fix the problem, then post it with /serial drop-now (or skip it with /serial skip-drop).";
    return {
      public: `I could not post the next part to <#${drop.channelId}>: ${error}. ${fix}`,
      details: `I could not post ${part === undefined ? `"${drop.partId}"` : partLabel(part)} to <#${drop.channelId}>: ${error}. ${fix}`,
    };
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

  /**
   * Wakes up at the next scene's own release time, or at `retryAt` when that is sooner (timed
   * drops that failed for a reason of the bot's own, such as its database).
   */
  #armTimer(retryAt?: Date): void {
    const { schedules, book, clock } = this.#options;
    const previous = this.#timer;
    this.#timer = undefined;
    previous?.stop().catch(() => undefined);
    const release = nextReleaseTime(book, clock());
    const next =
      retryAt !== undefined && (release === undefined || retryAt < release) ? retryAt : release;
    if (next === undefined || this.#stopped) return;
    this.#timer = schedules.at(next, async () => {
      const settled = await this.#dropTimedParts();
      this.#armTimer(settled ? undefined : new Date(clock().getTime() + TIMED_RETRY_MS));
    });
  }

  /** Keeps the server's next drop time, so that a drop missed while down is noticed at start. */
  #noteNextDrop(guildId: string): void {
    const { store, clock } = this.#options;
    const [next] = this.nextDrops(guildId, clock(), 1);
    if (store.settings.get(guildId).nextDropAt?.getTime() === next?.getTime()) return;
    store.settings.update(guildId, { nextDropAt: next }, clock());
  }

  /**
   * Runs `work` for each server, up to CONCURRENT_DROPS servers at once, and none after stop():
   * drops that fall due together in many servers share discord.js's request queue instead of
   * waiting for each other. A server whose work fails is logged; the others carry on.
   */
  #forEachGuild(
    guildIds: Iterable<string>,
    work: (guildId: string) => Promise<void>,
  ): Promise<void> {
    return forEachConcurrently(guildIds, CONCURRENT_DROPS, async (guildId) => {
      if (this.#stopped) return;
      try {
        await work(guildId);
      } catch (error) {
        this.#options.log.error({ guildId, err: error }, "drop work failed in this server");
      }
    });
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

import type { Drop, DropAttempt, DropReason, EffectiveSettings } from "../core/drop.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import type { SchedulePort } from "../cron/cronSchedule.js";
import type { AuthorNotice } from "./AuthorNotice.js";
import { CatchUp } from "./CatchUp.js";
import { checkSchedule } from "./checkSchedule.js";
import { type ChannelChange, DropChannels, type DropDefaults } from "./DropChannels.js";
import type { DropRest } from "./DropPoster.js";
import { DropRevisions } from "./DropRevisions.js";
import { DropRunner, type DropRunnerOptions } from "./DropRunner.js";
import { forEachConcurrently } from "./forEachConcurrently.js";
import { ScheduleWatches } from "./ScheduleWatches.js";
import { TimedDrops } from "./TimedDrops.js";

/** What the drop runner takes (less the channels, which the scheduler makes), and more. */
export interface DropSchedulerOptions extends Omit<DropRunnerOptions, "channels"> {
  /** For revising the channel's copy of an edited part (see DropRevisions). */
  readonly rest: DropRest;
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
  readonly channelProblem: (guildId: string, channelId: string) => Promise<string | undefined>;
}

/**
 * How many servers' drops run at once. A drop sends one request at a time and discord.js sends at
 * most 50 a second in all (Discord's global limit), so twice that many keeps its queue full while
 * some drops wait between reactions; one server's drop then takes seconds, not the whole fan-out.
 */
const CONCURRENT_DROPS = 100;

/** What a drop asked for while the bot stops gets. */
const STOPPING: DropAttempt = { ok: false, error: "the bot is stopping", retryable: false };

/**
 * Runs the drops: one cron task per distinct schedule (ScheduleWatches), a timer for scenes with
 * their own release time (TimedDrops), a make-up drop at start for a schedule missed while down
 * (CatchUp), and drops by hand, each run by DropRunner. Drops in one server never run at the same
 * time; drops in many servers do. It is what the commands ask of the drops (their DropControl).
 */
export class DropScheduler {
  readonly #options: DropSchedulerOptions;
  readonly #channels: DropChannels;
  readonly #runner: DropRunner;
  readonly #watches: ScheduleWatches;
  readonly #timed: TimedDrops;
  readonly #catchUp: CatchUp;
  readonly #revisions: DropRevisions;
  #stopped = false;

  constructor(options: DropSchedulerOptions) {
    this.#options = options;
    const { store, book, log, clock, schedules } = options;
    this.#channels = new DropChannels({ ...options, storyId: book().story.meta.id });
    const settingsFor = (guildId: string) => this.#channels.settingsFor(guildId);
    const tell = (guildId: string, notice: AuthorNotice) => this.#tell(guildId, notice);
    this.#runner = new DropRunner({ ...options, channels: this.#channels });
    this.#watches = new ScheduleWatches({
      store,
      log,
      clock,
      schedules,
      storyId: book().story.meta.id,
      settingsFor,
      tell,
      onTick: (guildIds) =>
        this.#forEachGuild(guildIds, async (guildId) => {
          await this.drop(guildId, "schedule");
          this.#watches.noteNextDrop(guildId);
        }),
    });
    this.#timed = new TimedDrops({
      ...options,
      runner: this.#runner,
      settingsFor,
      stopped: () => this.#stopped,
      forEachGuild: (guildIds, work) => this.#forEachGuild(guildIds, work),
    });
    this.#revisions = new DropRevisions({ ...options, settingsFor });
    this.#catchUp = new CatchUp({
      ...options,
      runner: this.#runner,
      drop: (guildId, reason) => this.drop(guildId, reason),
      tell,
    });
  }

  /**
   * Gives up drops whose parts left the story, then per server: finishes an interrupted drop,
   * makes up a missed one, and starts following its schedule; then drops due timed parts and
   * starts the timer. A server whose work fails is logged and left; start-up goes on.
   */
  async start(): Promise<void> {
    const guildIds = [...this.#options.guildIds()];
    this.#catchUp.tidy(guildIds);
    await this.#forEachGuild(guildIds, async (guildId) => {
      this.#watches.follow(guildId, true);
      await this.#catchUp.resumeOrMakeUp(guildId, this.#watches.follows(guildId));
      this.#watches.noteNextDrop(guildId);
      await this.#revisions.reviseIn(guildId);
    });
    await this.#timed.start();
  }

  /**
   * The story was reloaded (its book reads as the new one already): unfinished drops of parts it
   * no longer has are given up, timed parts are timed again (due ones dropped), and the
   * channel's copies of edited parts are revised.
   */
  async storyChanged(): Promise<void> {
    if (this.#stopped) return;
    // Between drops, never during one: a drop being posted is not abandoned or revised under it.
    await this.#forEachGuild(this.#options.guildIds(), (guildId) =>
      this.#runner.exclusive(guildId, async () => {
        this.#catchUp.tidy([guildId]);
        await this.#revisions.reviseIn(guildId);
      }),
    );
    await this.#timed.start();
  }

  /** A server the bot joined after start. */
  addGuild(guildId: string): void {
    if (this.#stopped) return;
    this.#watches.follow(guildId, false);
    this.#watches.noteNextDrop(guildId);
  }

  /** A server the bot left: no more drops there. */
  removeGuild(guildId: string): void {
    this.#watches.forget(guildId);
  }

  /** Applies a server's changed settings (after /serial schedule, pause, resume or a drop). */
  reschedule(guildId: string): void {
    if (this.#stopped) return;
    this.#watches.follow(guildId, false);
    this.#watches.noteNextDrop(guildId);
  }

  /**
   * Drops the next part in a server now (or finishes its interrupted drop). A drop only the
   * authors can unblock is tried again only when they ask (`now`), never by the schedule.
   */
  drop(guildId: string, reason: DropReason): Promise<DropAttempt> {
    if (this.#stopped) return Promise.resolve(STOPPING);
    const attempt = this.#runner.next(guildId, reason);
    if (reason === "now") {
      attempt.then(
        (done) => done.ok && this.#afterAuthorsActed(guildId),
        () => undefined,
      );
    }
    attempt.then(
      (done) => done.ok && this.#reviseIfEdited(done.drop),
      () => undefined,
    );
    return attempt;
  }

  /**
   * A drop begun before its part was edited (a reload while it waited, say) was finished with
   * the new text after the old: its channel copy is revised at once, between drops.
   */
  #reviseIfEdited(drop: Drop): void {
    if (drop.textDigest === this.#options.book().part(drop.partId)?.digest) return;
    this.#runner
      .exclusive(drop.guildId, () => this.#revisions.reviseIn(drop.guildId))
      .catch((error: unknown) =>
        this.#options.log.error(
          { guildId: drop.guildId, partId: drop.partId, err: error },
          "could not revise a drop finished after its part was edited",
        ),
      );
  }

  /**
   * Gives up a server's unfinished drop (the authors' /serial skip-drop): its part, if still in
   * the story, is released without posting the rest, so the next drop posts the next part.
   */
  skip(guildId: string, now: Date): Promise<Drop | undefined> {
    if (this.#stopped) return Promise.reject(new Error("The bot is stopping."));
    const skipped = this.#runner.skip(guildId, now);
    skipped.then(
      (drop) => drop !== undefined && this.#afterAuthorsActed(guildId),
      () => undefined,
    );
    return skipped;
  }

  /**
   * The authors chose a reading channel: a drop waiting for them is let go (the schedule tries it
   * again) when it will go to that channel (see DropChannels.useChannel). The waiting drop, if any.
   */
  useChannel(guildId: string, channelId: string, now: Date): ChannelChange {
    return this.#channels.useChannel(guildId, channelId, now);
  }

  /** A server's settings, the bot's defaults filling in what it has not set. */
  settingsFor(guildId: string): EffectiveSettings {
    return this.#channels.settingsFor(guildId);
  }

  /**
   * The next `count` drop times of a server after `now`; empty when it has no schedule, is
   * paused, or its schedule cannot be computed (see `scheduleProblem`).
   */
  nextDrops(guildId: string, now: Date, count: number): Date[] {
    return this.#watches.nextDrops(guildId, now, count);
  }

  /** Why a server's schedule cannot be used, or undefined when it can (or has none). */
  scheduleProblem(guildId: string): string | undefined {
    return this.#watches.problem(guildId);
  }

  /** Judges a schedule the authors want to set (see checkSchedule). */
  checkSchedule(expression: string, timezone: string, now: Date): ScheduleVerdict {
    const { schedules, minIntervalMs } = this.#options;
    return checkSchedule(schedules, expression, timezone, now, minIntervalMs);
  }

  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  channelProblem(guildId: string, channelId: string): Promise<string | undefined> {
    return this.#channels.problem(guildId, channelId);
  }

  /** Stops the clocks and waits for drops in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([this.#watches.stop(), this.#timed.stop()]);
    await this.#runner.idle();
  }

  /**
   * After the authors got a stuck drop out (posted or skipped), the timed parts it held back
   * that are due now come out, in the background.
   */
  #afterAuthorsActed(guildId: string): void {
    this.#timed
      .dropDueIn(guildId)
      .catch((error: unknown) =>
        this.#options.log.error({ guildId, err: error }, "timed drops failed in this server"),
      );
  }

  /** Tells the authors in the background: a start-up or a fan-out never waits on DMs. */
  #tell(guildId: string, notice: AuthorNotice): void {
    this.#options
      .tellAuthors(guildId, notice)
      .catch((error: unknown) =>
        this.#options.log.error({ guildId, err: error }, "could not tell the authors"),
      );
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
}

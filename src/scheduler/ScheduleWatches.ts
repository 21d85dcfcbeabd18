import type { EffectiveSettings } from "../core/drop.js";
import type { SchedulePort, Watch } from "../cron/cronSchedule.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { AuthorNotice } from "./AuthorNotice.js";

export interface ScheduleWatchesOptions {
  readonly store: Store;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly storyId: string;
  /** Cron and timers: node-cron in the bot, a fake in tests. */
  readonly schedules: SchedulePort;
  readonly settingsFor: (guildId: string) => EffectiveSettings;
  /** Tells a server's authors, in the background. */
  readonly tell: (guildId: string, notice: AuthorNotice) => void;
  /** At a run of a schedule: drops in the servers that follow it. */
  readonly onTick: (guildIds: readonly string[]) => Promise<void>;
}

/**
 * Which servers follow which schedule: one cron task per distinct schedule (no overlap), kept in
 * memory and changed one server at a time, so a command in one server never does work for every
 * server. A server whose schedule cannot be computed is left out (and its authors told) without
 * touching the others. Every next drop time is computed from the clock given.
 */
export class ScheduleWatches {
  readonly #options: ScheduleWatchesOptions;
  /** Per schedule key, the servers following it, and its running cron task. */
  readonly #followers = new Map<string, Set<string>>();
  readonly #watches = new Map<string, Watch>();
  /** Per server, the schedule key it follows. */
  readonly #keyOf = new Map<string, string>();
  /** Per server, why its schedule cannot be used. */
  readonly #problems = new Map<string, string>();

  constructor(options: ScheduleWatchesOptions) {
    this.#options = options;
  }

  /**
   * Puts a server on the cron task of its schedule (starting the task if it is the first), or
   * takes it off when it has none, is paused, or its schedule cannot be computed. At start, the
   * authors are told of a schedule that cannot be (once).
   */
  follow(guildId: string, atStart: boolean): void {
    const { schedules, clock, log, store, storyId } = this.#options;
    this.#unfollow(guildId);
    const settings = this.#options.settingsFor(guildId);
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
      if (atStart && store.authorNotices.tell(guildId, storyId, "schedule", problem, clock())) {
        this.#tellScheduleProblem(guildId, problem);
      }
      return;
    }
    if (this.#problems.delete(guildId)) store.authorNotices.clear(guildId, storyId, "schedule");
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

  /** Takes a server off its schedule's cron task, stopping the task when it was the last. */
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

  /** A server the bot left: off its schedule, and its schedule's problem forgotten. */
  forget(guildId: string): void {
    this.#unfollow(guildId);
    this.#problems.delete(guildId);
  }

  /** Whether a server is on a schedule's cron task. */
  follows(guildId: string): boolean {
    return this.#keyOf.has(guildId);
  }

  /** Why a server's schedule cannot be used, or undefined when it can (or has none). */
  problem(guildId: string): string | undefined {
    return this.#problems.get(guildId);
  }

  /**
   * The next `count` drop times of a server after `now`; empty when it has no schedule, is
   * paused, or its schedule cannot be computed.
   */
  nextDrops(guildId: string, now: Date, count: number): Date[] {
    const settings = this.#options.settingsFor(guildId);
    if (settings.schedule === undefined || settings.paused || this.#problems.has(guildId))
      return [];
    const next = this.#options.schedules.nextRuns(settings.schedule, settings.timezone, now, count);
    return next.ok ? [...next.runs] : [];
  }

  /** Keeps the server's next drop time, so that a drop missed while down is noticed at start. */
  noteNextDrop(guildId: string): void {
    const { store, clock, storyId } = this.#options;
    const [next] = this.nextDrops(guildId, clock(), 1);
    if (store.settings.get(guildId, storyId).nextDropAt?.getTime() === next?.getTime()) return;
    store.settings.update(guildId, storyId, { nextDropAt: next }, clock());
  }

  /** Stops every cron task; no server follows a schedule any more. */
  async stop(): Promise<void> {
    const watches = [...this.#watches.values()];
    this.#watches.clear();
    this.#followers.clear();
    this.#keyOf.clear();
    await Promise.all(watches.map((watch) => watch.stop()));
  }

  #tick(key: string): Promise<void> {
    return this.#options.onTick([...(this.#followers.get(key) ?? [])]);
  }

  #tellScheduleProblem(guildId: string, problem: string): void {
    this.#options.tell(guildId, {
      public:
        "This server's drop schedule cannot be used, so no part will be posted on schedule. The authors can see why with /serial status and set a new one with /serial schedule.",
      details: `No part will be posted on schedule in this server: ${problem}. Set a new one with /serial schedule.`,
    });
  }
}

import { nextRuns, type SchedulePort, type Watch } from "../../src/cron/cronSchedule.js";

interface Watched {
  readonly expression: string;
  readonly timezone: string;
  readonly onTick: () => Promise<void>;
  stopped: boolean;
}

interface Timed {
  readonly moment: Date;
  readonly run: () => Promise<void>;
  stopped: boolean;
}

/**
 * Time for a scheduler under test: next runs computed from any moment (node-cron's own matcher,
 * as in the bot), ticks and timers fired by the test, never by the clock.
 */
export class FakeSchedules implements SchedulePort {
  readonly watched: Watched[] = [];
  readonly timed: Timed[] = [];

  nextRuns = nextRuns;

  watch(expression: string, timezone: string, onTick: () => Promise<void>): Watch {
    const watched: Watched = { expression, timezone, onTick, stopped: false };
    this.watched.push(watched);
    return {
      stop: async () => {
        watched.stopped = true;
      },
    };
  }

  at(moment: Date, run: () => Promise<void>): Watch {
    const timed: Timed = { moment, run, stopped: false };
    this.timed.push(timed);
    return {
      stop: async () => {
        timed.stopped = true;
      },
    };
  }

  /** The schedules being watched now, as "expression @ timezone". */
  running(): string[] {
    return this.watched.filter((w) => !w.stopped).map((w) => `${w.expression} @ ${w.timezone}`);
  }

  /** Fires the running watch of a schedule, as node-cron would at one of its runs. */
  async tick(expression: string, timezone = "UTC"): Promise<void> {
    const watched = this.watched.find(
      (w) => !w.stopped && w.expression === expression && w.timezone === timezone,
    );
    if (watched === undefined) throw new Error(`no running watch of ${expression} @ ${timezone}`);
    await watched.onTick();
  }
}

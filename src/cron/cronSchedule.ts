import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";

/** The next runs of a schedule, or why they cannot be computed (it never fires). */
export type NextRuns =
  | { readonly ok: true; readonly runs: readonly Date[] }
  | { readonly ok: false; readonly problem: string };

/** A running schedule. */
export interface Watch {
  stop(): Promise<void>;
}

/**
 * What the drops need of time: a cron schedule's next runs after any moment, a callback at each
 * of its runs, and a callback at one moment.
 */
export interface SchedulePort {
  nextRuns(expression: string, timezone: string, after: Date, count: number): NextRuns;
  watch(expression: string, timezone: string, onTick: () => Promise<void>): Watch;
  at(moment: Date, run: () => Promise<void>): Watch;
}

/** The longest a Node.js timer waits; a later moment is woken for early, and waited for again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why a cron expression is not valid syntax, or undefined when it is. */
export function cronSyntaxProblem(expression: string): string | undefined {
  const result = cron.validateDetailed(expression);
  if (result.valid) return undefined;
  const reasons = result.errors.map((error) => error.message).join("; ");
  return reasons === "" ? "is not a valid cron expression" : reasons;
}

/** For the tasks made only to compute runs, which never start: node-cron would log to the console. */
const SILENT = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** The words for a schedule that parses but has no next run. */
const NEVER_FIRES =
  "never fires: no date matches it (node-cron fires only on days where the day of the month and the day of the week both match)";

/**
 * The next `count` runs after `after`, from node-cron's own matcher, so that what the bot shows
 * is what node-cron fires. node-cron's `getNextRuns` counts only from the system clock; the
 * matcher it uses takes any date, so it is reached through the task (a test pins that it is
 * there). A schedule that never fires makes the matcher throw after a hundred years of days.
 */
export function nextRuns(
  expression: string,
  timezone: string,
  after: Date,
  count: number,
): NextRuns {
  let task: ScheduledTask;
  try {
    task = cron.createTask(expression, () => undefined, { timezone, logger: SILENT });
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  try {
    const next = nextMatchOf(task);
    const runs: Date[] = [];
    for (let from = after; runs.length < count; ) {
      from = next(from);
      runs.push(from);
    }
    return { ok: true, runs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: /could not find next matching date/i.test(message)
        ? NEVER_FIRES
        : `cannot be computed (${message})`,
    };
  } finally {
    Promise.resolve(task.destroy()).catch(() => undefined);
  }
}

function nextMatchOf(task: ScheduledTask): (date: Date) => Date {
  const matcher: unknown = Reflect.get(task, "timeMatcher");
  if (
    typeof matcher !== "object" ||
    matcher === null ||
    !("getNextMatch" in matcher) ||
    typeof matcher.getNextMatch !== "function"
  ) {
    throw new Error("node-cron's task has no timeMatcher.getNextMatch any more");
  }
  const getNextMatch = matcher.getNextMatch.bind(matcher);
  return (date) => {
    const next: unknown = getNextMatch(date);
    if (!(next instanceof Date)) throw new Error("node-cron's matcher returned no date");
    return next;
  };
}

/**
 * Schedules through node-cron, one task per watch, never two runs of one at once, its log lines
 * through the bot's logger (stdout stays JSON lines); one-off moments through a timer.
 */
export function nodeCronSchedule(log: Logger): SchedulePort {
  const cronLog = log.child({ source: "node-cron" });
  const logger = {
    info: (message: string) => cronLog.info({}, message),
    warn: (message: string) => cronLog.warn({}, message),
    error: (message: string | Error, err?: Error) =>
      typeof message === "string"
        ? cronLog.error({ err }, message)
        : cronLog.error({ err: message }, "a scheduled run failed"),
    debug: (message: string | Error, err?: Error) =>
      typeof message === "string"
        ? cronLog.debug({ err }, message)
        : cronLog.debug({ err: message }, "node-cron"),
  };
  return {
    nextRuns,
    watch(expression, timezone, onTick) {
      const task = cron.schedule(expression, onTick, {
        timezone,
        noOverlap: true,
        name: `${expression} @ ${timezone}`,
        logger,
      });
      return {
        stop: async () => {
          await task.destroy();
        },
      };
    },
    at(moment, run) {
      const delay = Math.min(MAX_TIMER_MS, Math.max(0, moment.getTime() - Date.now()));
      const timer = setTimeout(() => {
        run().catch((error: unknown) => cronLog.error({ err: error }, "a timed run failed"));
      }, delay);
      timer.unref();
      return {
        stop: async () => clearTimeout(timer),
      };
    },
  };
}

import { closestRuns, cronFieldCount, type ScheduleVerdict } from "../core/scheduleRules.js";
import { cronSyntaxProblem, type SchedulePort } from "../cron/cronSchedule.js";

/**
 * How many next runs are looked at for the closest two. Every day a cron fires, it fires at the
 * same hours and minutes, so a gap shorter than the minimum shows within the first full day of
 * runs; a schedule firing more than a hundred times in that span has gaps under an hour anyway.
 */
const RUNS_CHECKED = 100;

/**
 * Judges a schedule set with /serial schedule: five fields (no seconds), valid, firing (its next
 * runs computed from `now`), and never two drops closer than `minIntervalMs`, so that a slip of
 * the keyboard cannot release the whole story in minutes.
 */
export function checkSchedule(
  schedules: Pick<SchedulePort, "nextRuns">,
  expression: string,
  timezone: string,
  now: Date,
  minIntervalMs: number,
): ScheduleVerdict {
  if (cronFieldCount(expression) === 6) return { kind: "seconds", minIntervalMs };
  const syntax = cronSyntaxProblem(expression);
  if (syntax !== undefined) return { kind: "invalid", problem: syntax };
  const next = schedules.nextRuns(expression, timezone, now, RUNS_CHECKED);
  if (!next.ok) return { kind: "never", problem: next.problem };
  const closest = closestRuns(next.runs);
  if (closest !== undefined && closest.gapMs < minIntervalMs) {
    return { kind: "too-often", runs: next.runs.slice(0, 3), closest, minIntervalMs };
  }
  return { kind: "ok", runs: next.runs.slice(0, 3) };
}

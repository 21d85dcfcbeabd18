/** How many fields a cron expression has: 5 (minute to day of week), or 6 with seconds first. */
export function cronFieldCount(expression: string): number {
  return expression.trim().split(/\s+/).length;
}

/** Two runs of a schedule, one after the other, and the time between them. */
export interface RunGap {
  readonly from: Date;
  readonly to: Date;
  readonly gapMs: number;
}

/** The two consecutive runs that come closest together; undefined with fewer than two runs. */
export function closestRuns(runs: readonly Date[]): RunGap | undefined {
  let closest: RunGap | undefined;
  for (let index = 1; index < runs.length; index += 1) {
    const from = runs[index - 1];
    const to = runs[index];
    if (from === undefined || to === undefined) continue;
    const gapMs = to.getTime() - from.getTime();
    if (closest === undefined || gapMs < closest.gapMs) closest = { from, to, gapMs };
  }
  return closest;
}

/** A schedule the authors asked for, judged: usable (with its next runs), or why not. */
export type ScheduleVerdict =
  | { readonly kind: "ok"; readonly runs: readonly Date[] }
  | { readonly kind: "seconds"; readonly minIntervalMs: number }
  | { readonly kind: "invalid"; readonly problem: string }
  | { readonly kind: "never"; readonly problem: string }
  | {
      readonly kind: "too-often";
      readonly runs: readonly Date[];
      readonly closest: RunGap;
      readonly minIntervalMs: number;
    };

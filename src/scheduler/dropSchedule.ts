import cron from "node-cron";

/** Why a cron expression is not valid, or undefined when it is. */
export function cronProblem(expression: string): string | undefined {
  const result = cron.validateDetailed(expression);
  if (result.valid) return undefined;
  const reasons = result.errors.map((error) => error.message).join("; ");
  return reasons === "" ? "is not a valid cron expression" : reasons;
}

/** The next `count` times a cron schedule fires after now, in the given IANA time zone. */
export function nextDropTimes(expression: string, timezone: string, count: number): Date[] {
  const task = cron.createTask(expression, () => undefined, { timezone });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}

/**
 * The wait before try `attempt` (0 for the first retry) of something that keeps failing: `baseMs`,
 * doubling each time, never more than `maxMs`.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.floor(attempt)));
}

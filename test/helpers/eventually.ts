import { setTimeout as sleep } from "node:timers/promises";

/** Polls `check` every 25 ms until it holds; fails after `timeoutMs` naming what was awaited. */
export async function eventually(
  check: () => boolean,
  description: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(25);
  }
}

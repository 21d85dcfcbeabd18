/**
 * How a drop asked for ended: its part posted, a try that failed (the drop is kept, to be
 * finished later), or nothing to post (every part out, no reading channel, a drop waiting for
 * the authors).
 */
export type DropResult = "posted" | "failed" | "nothing";

/** Told of every drop the runner is asked for (the metrics, in the bot). */
export interface DropObserver {
  dropped(result: DropResult): void;
}

import type { Book, BookPart } from "./Book.js";

/**
 * The part a schedule drops next: the first unreleased scene in story order. Scenes with their
 * own release time are left to that time, so they never take a scheduled slot.
 */
export function nextScheduledPart(book: Book, released: ReadonlySet<string>): BookPart | undefined {
  return book.parts.find(
    ({ part }) => part.kind === "scene" && part.releaseAt === undefined && !released.has(part.id),
  );
}

/** Scenes whose own release time has come and that are not out yet, in story order. */
export function timedPartsDue(book: Book, released: ReadonlySet<string>, now: Date): BookPart[] {
  return book.parts.filter(
    ({ part }) =>
      part.kind === "scene" &&
      part.releaseAt !== undefined &&
      part.releaseAt.getTime() <= now.getTime() &&
      !released.has(part.id),
  );
}

/** The earliest release time still ahead of `now`, to wake up for. */
export function nextReleaseTime(book: Book, now: Date): Date | undefined {
  const times = book.parts
    .map(({ part }) => part.releaseAt?.getTime())
    .filter((time): time is number => time !== undefined && time > now.getTime());
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

/**
 * Whether a scheduled drop was missed while the bot was down: the drop time it had noted for the
 * server has passed and no drop was started since. Policy: however many drop times were missed,
 * one drop makes up for them at start.
 */
export function missedDrop(
  nextDropAt: Date | undefined,
  lastDropStartedAt: Date | undefined,
  now: Date,
): boolean {
  if (nextDropAt === undefined || nextDropAt.getTime() > now.getTime()) return false;
  return lastDropStartedAt === undefined || lastDropStartedAt.getTime() < nextDropAt.getTime();
}

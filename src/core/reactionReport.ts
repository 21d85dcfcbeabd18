import type { Book, BookPart } from "./Book.js";
import { partLabel } from "./partLabel.js";

/** How many readers reacted to a part with one emoji. */
export interface EmojiCount {
  readonly emoji: string;
  readonly readers: number;
}

/** Readers of a part as the store counts them: started it (saw a page), finished it (saw the last). */
export interface ReadCounts {
  readonly partId: string;
  readonly started: number;
  readonly finished: number;
  /** Of those who started it, how many started before the part was released in the server. */
  readonly earlyStarted: number;
}

/** Of the readers who finished the part before `partId`, how many started `partId`. */
export interface CarryOn {
  readonly partId: string;
  readonly readers: number;
}

/** What the store knows about one part, as counted without the authors. */
export interface PartTally {
  readonly partId: string;
  readonly emoji: string;
  readonly readers: number;
}

/** One part's figures for the author. */
export interface PartFigures {
  readonly partId: string;
  readonly label: string;
  readonly started: number;
  readonly finished: number;
  /** Of those who started it, how many did before its public drop, by early access (scenes only). */
  readonly earlyStarted: number;
  /**
   * Readers who finished the part before and then started this one, out of all who finished the
   * part before; undefined for the first part shown.
   */
  readonly fromPrevious?: {
    readonly label: string;
    readonly finished: number;
    readonly went: number;
  };
  /**
   * Scenes: the story's emoji first, in their order (zeros included), then any others by count.
   * Empty for the author's note and the blurb, which take no reactions.
   */
  readonly reactions: readonly EmojiCount[];
  /** Of `reactions`, those given before the public drop (from the reading buttons), where any. */
  readonly earlyReactions: readonly EmojiCount[];
}

export interface ReactionReport {
  readonly storyTitle: string;
  readonly parts: readonly PartFigures[];
}

/** The part just before `partId` in story order, whose readers may go on to it. */
export function partBefore(book: Book, partId: string): BookPart | undefined {
  const index = book.parts.findIndex(({ part }) => part.id === partId);
  return index > 0 ? book.parts[index - 1] : undefined;
}

/**
 * The author's view of how each part landed, for the parts readers can reach (`partIds`, in
 * story order). Every count is of distinct readers, with the authors already left out; the early
 * ones (read or reacted to before the part's drop in the server) are also told apart.
 */
export function reactionReport(
  book: Book,
  partIds: readonly string[],
  reads: readonly ReadCounts[],
  carryOn: readonly CarryOn[],
  tallies: readonly PartTally[],
  earlyTallies: readonly PartTally[],
): ReactionReport {
  const readsOf = new Map(reads.map((row) => [row.partId, row]));
  const carriedOn = new Map(carryOn.map((row) => [row.partId, row.readers]));
  const offered = book.story.meta.reactions;
  const parts: PartFigures[] = [];
  for (const partId of partIds) {
    const bookPart = book.part(partId);
    if (bookPart === undefined) continue;
    const previous = partBefore(book, partId);
    const counts = new Map<string, number>(offered.map((emoji) => [emoji, 0]));
    for (const tally of tallies) {
      if (tally.partId === partId) counts.set(tally.emoji, tally.readers);
    }
    const others = [...counts]
      .filter(([emoji]) => !offered.includes(emoji))
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    const isScene = bookPart.part.kind === "scene";
    parts.push({
      partId,
      label: partLabel(bookPart.part),
      started: readsOf.get(partId)?.started ?? 0,
      finished: readsOf.get(partId)?.finished ?? 0,
      // The author's note and the blurb are never released, so every read of them looks early.
      earlyStarted: isScene ? (readsOf.get(partId)?.earlyStarted ?? 0) : 0,
      ...(previous === undefined
        ? {}
        : {
            fromPrevious: {
              label: partLabel(previous.part),
              finished: readsOf.get(previous.part.id)?.finished ?? 0,
              went: carriedOn.get(partId) ?? 0,
            },
          }),
      earlyReactions: earlyTallies
        .filter((tally) => tally.partId === partId && tally.readers > 0)
        .map(({ emoji, readers }) => ({ emoji, readers })),
      reactions: isScene
        ? [
            ...offered.map((emoji) => ({ emoji, readers: counts.get(emoji) ?? 0 })),
            ...others.map(([emoji, readers]) => ({ emoji, readers })),
          ]
        : [],
    });
  }
  return { storyTitle: book.story.meta.title, parts };
}

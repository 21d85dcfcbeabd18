import type { Book, BookPage, BookPart } from "./Book.js";
import type { Position } from "./position.js";

/** A page of a readable part. */
export interface Place {
  readonly part: BookPart;
  readonly pageIndex: number;
}

/** The parts a member may read: the author's note and the blurb always, scenes once released. */
export function readableParts(book: Book, released: ReadonlySet<string>): BookPart[] {
  return book.parts.filter(
    (bookPart) => bookPart.part.kind !== "scene" || released.has(bookPart.part.id),
  );
}

/**
 * The readable part a member means by `query`: its id, its number ("2" for Part 2) or its title,
 * ignoring case.
 */
export function findPart(readable: readonly BookPart[], query: string): BookPart | undefined {
  const wanted = query.trim().toLowerCase();
  return readable.find(
    ({ part }) =>
      part.id === wanted ||
      (part.number !== undefined && String(part.number) === wanted) ||
      part.title.toLowerCase() === wanted,
  );
}

/** The next scene to release in story order, if any is left. */
export function nextUnreleased(book: Book, released: ReadonlySet<string>): BookPart | undefined {
  return book.parts.find(
    (bookPart) => bookPart.part.kind === "scene" && !released.has(bookPart.part.id),
  );
}

export function pageOf(place: Place): BookPage {
  const page = place.part.pages[place.pageIndex];
  if (page === undefined)
    throw new RangeError(`No page ${place.pageIndex} in ${place.part.part.id}`);
  return page;
}

export function positionOf(place: Place): Position {
  return { partId: place.part.part.id, offset: pageOf(place).start };
}

/** The first page of the first readable part. */
export function firstPlace(readable: readonly BookPart[]): Place | undefined {
  const first = readable[0];
  return first === undefined ? undefined : { part: first, pageIndex: 0 };
}

/**
 * The page holding `position` among the readable parts, or undefined when its part is unknown or
 * not readable. An offset past the end of the text lands on the last page.
 */
export function placeAt(readable: readonly BookPart[], position: Position): Place | undefined {
  const part = readable.find((candidate) => candidate.part.id === position.partId);
  if (part === undefined) return undefined;
  let pageIndex = 0;
  part.pages.forEach((page, index) => {
    if (page.start <= position.offset) pageIndex = index;
  });
  return { part, pageIndex };
}

/** The page after `place`, moving into the next readable part; undefined when caught up. */
export function nextPlace(readable: readonly BookPart[], place: Place): Place | undefined {
  if (place.pageIndex + 1 < place.part.pages.length) {
    return { part: place.part, pageIndex: place.pageIndex + 1 };
  }
  const next = readable[readable.indexOf(place.part) + 1];
  return next === undefined ? undefined : { part: next, pageIndex: 0 };
}

/** The page before `place`, moving into the previous readable part; undefined at the start. */
export function previousPlace(readable: readonly BookPart[], place: Place): Place | undefined {
  if (place.pageIndex > 0) return { part: place.part, pageIndex: place.pageIndex - 1 };
  const previous = readable[readable.indexOf(place.part) - 1];
  return previous === undefined
    ? undefined
    : { part: previous, pageIndex: previous.pages.length - 1 };
}

/** How much of the whole story has been read by the end of this page, from 0 to 1. */
export function storyShare(book: Book, place: Place): number {
  if (book.words === 0) return 1;
  const throughPage = place.part.pages
    .slice(0, place.pageIndex + 1)
    .reduce((sum, page) => sum + page.words, place.part.wordsBefore);
  return throughPage / book.words;
}

export function isLastPage(place: Place): boolean {
  return place.pageIndex === place.part.pages.length - 1;
}

import type { Book, BookPart } from "./Book.js";
import { partLabel } from "./partLabel.js";
import type { Position } from "./position.js";
import { nextPlace, placeAt, readableParts } from "./reading.js";

/**
 * The words of a drop notice for one member, by where they are: caught up before the drop (so
 * /next goes straight into the new part), behind, or not started.
 */
export function dropNotice(
  book: Book,
  dropped: BookPart,
  releasedBefore: ReadonlySet<string>,
  position: Position | undefined,
): string {
  const news = `**${partLabel(dropped.part)}** of *${book.story.meta.title}* is out.`;
  const readable = readableParts(book, releasedBefore);
  const place = position === undefined ? undefined : placeAt(readable, position);
  if (place === undefined) return `${news} Start from the beginning with /read in the server.`;
  if (nextPlace(readable, place) === undefined) {
    return `${news} You're caught up, so /next in the server takes you straight into it.`;
  }
  return `${news} You're on ${partLabel(place.part.part)}, page ${place.pageIndex + 1} of ${place.part.pages.length}: /read in the server picks up where you left off.`;
}

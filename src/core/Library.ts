import { type Book, bindBook } from "./Book.js";
import type { Story } from "./story.js";

/** Every story the bot serves, each cut into pages, as one value swapped whole on a reload. */
export interface Library {
  /** In the story folder's order; never empty. */
  readonly books: readonly [Book, ...Book[]];
  book(storyId: string): Book | undefined;
  /** The story a part belongs to: part ids are unique across the library. */
  bookOfPart(partId: string): Book | undefined;
}

/**
 * Pages every story (see bindBook); after a reload, each part whose text is unchanged in
 * `previous` keeps its pages.
 */
export function bindLibrary(stories: readonly [Story, ...Story[]], previous?: Library): Library {
  const bind = (story: Story) => bindBook(story, previous?.book(story.meta.id));
  const [first, ...rest] = stories;
  const books: [Book, ...Book[]] = [bind(first), ...rest.map(bind)];
  const byId = new Map(books.map((book) => [book.story.meta.id, book]));
  const byPart = new Map(
    books.flatMap((book) => book.parts.map(({ part }) => [part.id, book] as const)),
  );
  return { books, book: (id) => byId.get(id), bookOfPart: (id) => byPart.get(id) };
}

import { type APIApplicationCommandOptionChoice, ApplicationCommandOptionType } from "discord.js";
import type { Book } from "../core/Book.js";
import { UserError } from "../core/UserError.js";
import { clip } from "../views/clip.js";
import type { DropControl, Focused, Services } from "./types.js";

/** One story of the library as a command in one server sees it. */
export interface ServedStory {
  readonly book: Book;
  readonly drops: DropControl;
}

/** The option every story-aware command takes; it only matters where a server carries several. */
export const STORY_OPTION = "story";

/** The library's stories this server carries: every one, unless its authors turned some off. */
export function carriedBooks(services: Services, guildId: string): Book[] {
  const excluded = services.store.carried.excluded(guildId);
  return services.library().books.filter((book) => !excluded.has(book.story.meta.id));
}

export function serve(services: Services, book: Book): ServedStory {
  return { book, drops: services.drops(book.story.meta.id) };
}

/**
 * The story a command is about: the one asked for (by id or title), else the server's only one.
 * Throws a UserError that says what to do when there is none, or several and none was named.
 */
export function storyFor(
  services: Services,
  guildId: string,
  asked: string | undefined,
): ServedStory {
  const carried = carriedBooks(services, guildId);
  if (asked !== undefined) {
    const book = findBook(carried, asked);
    if (book === undefined) {
      throw new UserError(
        `This server has no story called "${asked}". Pick one from the list as you type the story option.`,
      );
    }
    return serve(services, book);
  }
  const [only, ...others] = carried;
  if (only === undefined) {
    throw new UserError(
      "This server carries no story at the moment. Its authors choose which with /serial carry.",
    );
  }
  if (others.length > 0) {
    throw new UserError(
      `This server carries ${carried.length} stories (${titles(carried)}): say which with the story option.`,
    );
  }
  return serve(services, only);
}

/** The books' titles in a list that fits in a reply with room to spare (Discord takes 2,000). */
export function titles(books: readonly Book[]): string {
  return clip(books.map((book) => book.story.meta.title).join(", "), 1000);
}

/** A carried story by its id or its title, ignoring case. */
export function findBook(books: readonly Book[], asked: string): Book | undefined {
  const wanted = asked.trim().toLowerCase();
  return books.find(
    ({ story }) => story.meta.id === wanted || story.meta.title.toLowerCase() === wanted,
  );
}

/**
 * The stories whose parts an autocomplete of a part offers: the one the member put in the story
 * option (autocomplete sees it unchecked), else every one carried.
 */
export function askedBooks(carried: readonly Book[], focused: Focused): readonly Book[] {
  const value = focused.values[STORY_OPTION];
  const chosen =
    typeof value === "string" && value.trim() !== "" ? findBook(carried, value) : undefined;
  return chosen === undefined ? carried : [chosen];
}

/** Autocomplete choices among the server's stories, matching what the member has typed so far. */
export function storyChoices(
  books: readonly Book[],
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return books
    .map(({ story }) => ({ name: clip(story.meta.title, 100), value: story.meta.id }))
    .filter(
      (choice) =>
        needle === "" ||
        choice.name.toLowerCase().includes(needle) ||
        choice.value.includes(needle),
    )
    .slice(0, 25);
}

/** The `story` option of a story-aware command: optional, listed after every required option. */
export const storyOption = {
  type: ApplicationCommandOptionType.String,
  name: STORY_OPTION,
  description: "Which story (where this server carries several)",
  autocomplete: true,
  max_length: 100,
} as const;

/** The carried story a part belongs to (a button names only its part: ids are unique). */
export function storyOfPart(
  services: Services,
  guildId: string,
  partId: string,
): ServedStory | undefined {
  const book = services.library().bookOfPart(partId);
  if (book === undefined || services.store.carried.excluded(guildId).has(book.story.meta.id))
    return undefined;
  return serve(services, book);
}

/**
 * The story a member means when they name none: the one asked for, else the one they read last
 * (of those carried), else the server's only one (see storyFor).
 */
export function readingStory(
  services: Services,
  context: { readonly guildId: string; readonly userId: string },
  asked: string | undefined,
): ServedStory {
  if (asked !== undefined) return storyFor(services, context.guildId, asked);
  const carried = carriedBooks(services, context.guildId);
  for (const storyId of services.store.progress.storiesByRecency(context.guildId, context.userId)) {
    const book = carried.find((each) => each.story.meta.id === storyId);
    if (book !== undefined) return serve(services, book);
  }
  return storyFor(services, context.guildId, undefined);
}
